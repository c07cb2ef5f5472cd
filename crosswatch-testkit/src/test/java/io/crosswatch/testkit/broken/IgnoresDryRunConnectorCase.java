package io.crosswatch.testkit.broken;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import java.util.Set;

/** Writes on dry runs. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class IgnoresDryRunConnectorCase extends MemoryConnectorContractTest {
    @Override
    protected Connector connector() {
        return new MemoryConnector(Set.of(MemoryConnector.Fault.IGNORES_DRY_RUN));
    }
}
