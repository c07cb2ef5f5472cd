package io.crosswatch.core.testproviders;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import java.util.Set;

/** A specialised module for fake-sync to fake-sync pairs. */
public class FakeSyncModule implements SyncModule {
    @Override
    public String name() {
        return "fake-module";
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return Set.of(Feature.WATCHLIST);
    }

    @Override
    public boolean handles(String sourceConnector, String targetConnector) {
        return "fake-sync".equals(sourceConnector) && "fake-sync".equals(targetConnector);
    }

    @Override
    public SyncResult runSync(SyncContext context) {
        return SyncResult.builder(context.runId(), context.pair().name(), context.clock().instant())
                .status(SyncStatus.SUCCESS).metadata("module", name()).build();
    }
}
