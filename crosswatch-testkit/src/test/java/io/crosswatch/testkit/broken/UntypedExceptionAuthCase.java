package io.crosswatch.testkit.broken;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProviderContractTest;
import java.util.Set;

/** Throws IllegalStateException when the service is down. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class UntypedExceptionAuthCase extends MemoryAuthProviderContractTest {
    @Override
    protected AuthProvider provider() {
        return new MemoryAuthProvider(Set.of(MemoryAuthProvider.Fault.UNTYPED_EXCEPTION));
    }
}
