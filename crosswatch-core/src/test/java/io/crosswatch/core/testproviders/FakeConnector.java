package io.crosswatch.core.testproviders;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import java.util.List;

/** A connector whose credentials belong to {@link FakeAuth}; configured once it has a token. */
public class FakeConnector implements Connector {

    @Override
    public ConnectorManifest manifest() {
        return ConnectorManifest.builder("fake-sync", ApiVersion.CURRENT).features(Feature.WATCHLIST)
                .authProvider("fake-auth").version("0.9").build();
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has("accessToken");
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        return new ConnectorSession() {
            @Override
            public ReadResult read(ReadRequest request) {
                return ReadResult.complete(List.of());
            }

            @Override
            public WriteResult add(Feature feature, List<io.crosswatch.api.media.MediaItem> items, boolean dryRun) {
                return WriteResult.all(items, WriteResult.Outcome.ADDED);
            }

            @Override
            public WriteResult remove(Feature feature, List<io.crosswatch.api.media.MediaItem> items, boolean dryRun) {
                return WriteResult.all(items, WriteResult.Outcome.REMOVED);
            }
        };
    }
}
