package io.crosswatch.testkit.broken;

import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProviderContractTest;
import java.util.Set;

/** Throws NullPointerException when the service is down. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class UntypedErrorsMetadataCase extends MemoryMetadataProviderContractTest {
    @Override
    protected MetadataProvider provider() {
        return new MemoryMetadataProvider(Set.of(MemoryMetadataProvider.Fault.UNTYPED_ERRORS));
    }
}
