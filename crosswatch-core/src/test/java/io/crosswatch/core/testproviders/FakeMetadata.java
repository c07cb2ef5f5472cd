package io.crosswatch.core.testproviders;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import java.util.Optional;

/** Answers every request with a fixed title. */
public class FakeMetadata implements MetadataProvider {
    @Override
    public MetadataManifest manifest() {
        return MetadataManifest.builder("fake-meta", ApiVersion.CURRENT).entities(MediaType.MOVIE).build();
    }

    @Override
    public Optional<Metadata> fetch(ProviderContext context, MetadataRequest request) {
        return Optional.of(Metadata.builder(request.entity()).ids(request.ids()).title("Fake").build());
    }
}
