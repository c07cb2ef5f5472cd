package io.crosswatch.testkit.broken;

import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProviderContractTest;
import java.util.Set;

/** Puts the API key in image URLs. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class LeaksApiKeyMetadataCase extends MemoryMetadataProviderContractTest {
    @Override
    protected MetadataProvider provider() {
        return new MemoryMetadataProvider(Set.of(MemoryMetadataProvider.Fault.LEAKS_API_KEY));
    }
}
