package io.crosswatch.testkit.broken;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProviderContractTest;
import java.util.Set;

/** Names the refresh token in an exception. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class LeaksTokenInExceptionAuthCase extends MemoryAuthProviderContractTest {
    @Override
    protected AuthProvider provider() {
        return new MemoryAuthProvider(Set.of(MemoryAuthProvider.Fault.LEAKS_TOKEN_IN_EXCEPTION));
    }
}
