package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.Set;

/**
 * Moves watch state between a source and a target. Core ships one generic module that syncs
 * any two {@link Connector}s; a provider may register a specialised module for the pairs it
 * {@link #handles}. Discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Contract: {@link #runSync} MUST NOT throw for failures of a side (it reports them in the
 * result), MUST write nothing when {@link SyncContext#dryRun()}, and MUST NOT remove anything
 * from a side after a read of the other side that was not {@link Completeness#COMPLETE}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface SyncModule {

    /** @return a unique name, e.g. {@code generic} */
    String name();

    /** @return the features this module syncs */
    Set<Feature> supportedFeatures();

    /**
     * Whether this module is the one to use for a pair of connectors. The generic module
     * answers {@code false} and is used as the fallback.
     *
     * @param sourceConnector the source connector name
     * @param targetConnector the target connector name
     * @return {@code true} to claim the pair
     */
    default boolean handles(String sourceConnector, String targetConnector) {
        return false;
    }

    /** @return the API version the module was built against; override with {@code ApiVersion.CURRENT} */
    default int apiVersion() {
        return io.crosswatch.api.ApiVersion.CURRENT;
    }

    /**
     * Runs one pair.
     *
     * @param context the run's context
     * @return what happened
     */
    SyncResult runSync(SyncContext context);
}
