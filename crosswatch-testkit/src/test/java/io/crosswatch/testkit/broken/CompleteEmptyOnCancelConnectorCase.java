package io.crosswatch.testkit.broken;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import java.util.Set;

/** Answers a cancelled read with an empty COMPLETE result. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class CompleteEmptyOnCancelConnectorCase extends MemoryConnectorContractTest {
    @Override
    protected Connector connector() {
        return new MemoryConnector(Set.of(MemoryConnector.Fault.COMPLETE_EMPTY_ON_CANCEL));
    }
}
