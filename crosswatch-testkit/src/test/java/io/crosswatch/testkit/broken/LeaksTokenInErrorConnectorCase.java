package io.crosswatch.testkit.broken;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import java.util.Set;

/** Names the access token in a write error. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class LeaksTokenInErrorConnectorCase extends MemoryConnectorContractTest {
    @Override
    protected Connector connector() {
        return new MemoryConnector(Set.of(MemoryConnector.Fault.LEAKS_TOKEN_IN_ERROR));
    }
}
