package io.crosswatch.testkit.broken;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProvider;
import io.crosswatch.testkit.reference.MemoryAuthProviderContractTest;
import java.util.Set;

/** Logs the access token at TRACE. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class LogsTokenAtTraceAuthCase extends MemoryAuthProviderContractTest {
    @Override
    protected AuthProvider provider() {
        return new MemoryAuthProvider(Set.of(MemoryAuthProvider.Fault.LOGS_TOKEN_AT_TRACE));
    }
}
