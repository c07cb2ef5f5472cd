package io.crosswatch.testkit.broken;

import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProvider;
import io.crosswatch.testkit.reference.MemoryMetadataProviderContractTest;
import java.util.Set;

/** Reports image languages as EN-us. Run only through {@link io.crosswatch.testkit.ContractsCatchFaultsTest}, which expects failures. */
public class BadImageLangMetadataCase extends MemoryMetadataProviderContractTest {
    @Override
    protected MetadataProvider provider() {
        return new MemoryMetadataProvider(Set.of(MemoryMetadataProvider.Fault.BAD_IMAGE_LANG));
    }
}
