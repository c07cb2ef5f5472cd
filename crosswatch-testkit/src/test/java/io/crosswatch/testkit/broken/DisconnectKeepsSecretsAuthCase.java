package io.crosswatch.testkit.broken;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProviderContractTest;
import java.util.Set;

/** Forgets the refresh token on disconnect. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class DisconnectKeepsSecretsAuthCase extends MemoryAuthProviderContractTest {
    @Override
    protected AuthProvider provider() {
        return new MemoryAuthProvider(Set.of(MemoryAuthProvider.Fault.DISCONNECT_KEEPS_REFRESH_TOKEN));
    }
}
