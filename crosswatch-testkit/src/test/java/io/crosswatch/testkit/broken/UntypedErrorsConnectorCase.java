package io.crosswatch.testkit.broken;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import java.util.Set;

/** Lets an UncheckedIOException escape. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class UntypedErrorsConnectorCase extends MemoryConnectorContractTest {
    @Override
    protected Connector connector() {
        return new MemoryConnector(Set.of(MemoryConnector.Fault.UNTYPED_ERRORS));
    }
}
