package io.crosswatch.testkit.broken;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import java.util.Set;

/** Serves a snapshot taken when the session opened. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class StaleReadsConnectorCase extends MemoryConnectorContractTest {
    @Override
    protected Connector connector() {
        return new MemoryConnector(Set.of(MemoryConnector.Fault.STALE_READS));
    }
}
