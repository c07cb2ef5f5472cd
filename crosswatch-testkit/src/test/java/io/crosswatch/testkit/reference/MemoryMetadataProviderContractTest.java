package io.crosswatch.testkit.reference;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.testkit.MetadataProviderContract;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.Map;
import java.util.Optional;

/** The metadata contract against the correct reference provider, loaded as core loads it. */
public class MemoryMetadataProviderContractTest extends MetadataProviderContract {

    @Override
    protected MetadataProvider provider() {
        return ProviderTestKit.forName("memory").metadataProvider();
    }

    @Override
    protected ProviderContext context() {
        return contextFor(getClass().getName());
    }

    @Override
    protected MetadataRequest knownRequest() {
        return MetadataRequest.of(MediaType.MOVIE, MediaIds.of(MediaIds.IMDB, "tt0133093"), "en-US");
    }

    @Override
    protected MetadataRequest unknownRequest() {
        return MetadataRequest.of(MediaType.MOVIE, MediaIds.of(MediaIds.TMDB, "999999999"), "en-US");
    }

    @Override
    protected void resetBackend() {
        MemoryBackend.reset(getClass().getName());
        MemoryBackend.reset(getClass().getName() + "-down").breakDown();
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(contextFor(getClass().getName() + "-down"));
    }

    private static ProviderContext contextFor(String backend) {
        return TestContext.of(ProviderConfig.of("memory", "default",
                Map.of("backend", backend, "apiKey", "mk-4f9a2c7e1b")), VirtualTime.create());
    }
}
