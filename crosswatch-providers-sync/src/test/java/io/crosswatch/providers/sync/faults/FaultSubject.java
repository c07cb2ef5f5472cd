package io.crosswatch.providers.sync.faults;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import java.util.List;
import java.util.OptionalInt;

/**
 * A real connector under the fault matrix, with its stateful WireMock fake behind it. The
 * harness ({@link FaultMatrixTest}) seeds the fake and the local tracker with the same numbered
 * items, syncs once to record the baselines, changes the local side (removes item 1, adds item {@code seedCount() + 1}), injects a
 * fault on {@link #readRequest(int) page N of the read} and checks what reached the service.
 *
 * <p>Items are numbered: the subject maps number {@code n} to an item on the service
 * ({@link #seed(int)}), to a {@link MediaItem} ({@link #item(int)}) and back
 * ({@link #number(MediaItem)}, {@link #serviceNumbers()}), so the harness can compare both
 * sides without knowing either's id scheme.
 */
public interface FaultSubject {

    /** @return the connector's name as shown in the table, such as {@code Trakt} */
    String name();

    /** @return the feature whose read is faulted (the one that exercises the read best) */
    Feature feature();

    /**
     * @return items per page of the faulted read, or empty when the read is a single request
     *         (then every fault hits that request, and the empty-middle-page fault does not apply)
     */
    OptionalInt pageSize();

    /**
     * @param pagesAfterFault whether a page must follow the faulted page 2 (the empty-middle-page
     *                        fault); otherwise page 2 is the last one, which keeps the cases small
     * @return how many items the service holds at the start
     */
    default int seedCount(boolean pagesAfterFault) {
        if (pageSize().isEmpty()) {
            return 5;
        }
        return (pagesAfterFault ? 2 : 1) * pageSize().getAsInt() + 1;
    }

    /**
     * @return the fake (and any other WireMock extension it needs); the harness gives each
     *         subject a server of its own, since some fakes transform every request
     */
    List<Extension> extensions();

    /** Resets the fake and routes {@code server} to it; called before each case. */
    void reset(WireMockServer server);

    /**
     * @param toolkit the HTTP toolkit of the case (virtual time, short read timeout)
     * @return the connector under test
     */
    Connector connector(HttpToolkit toolkit);

    /**
     * @param baseUrl the WireMock base URL
     * @return the provider configuration of one account on the fake, in a fresh store each case
     */
    ProviderConfig config(String baseUrl);

    /** @return the secrets in {@link #config(String)} and the fake (tokens, API keys) */
    List<String> secrets();

    /** Stores item {@code n} on the service, as if the user had it there before the first sync. */
    void seed(int n);

    /**
     * Makes item {@code n} known to the service without it being in the faulted feature (a media
     * server's library item that is not yet watched); nothing for trackers.
     */
    default void prepareForAdd(int n) {
    }

    /**
     * Marks the feature as changed on the service (its activity token moves) without changing
     * its entries, so the next run reads the service instead of trusting its baseline; nothing
     * for services without activity tokens.
     */
    default void touch() {
    }

    /** @return item {@code n} as the local tracker holds it: the same entry as {@link #seed(int)} stores */
    MediaItem item(int n);

    /** @return the number of an item read from either side, if it is one of the numbered items */
    OptionalInt number(MediaItem item);

    /** @return the numbers of the feature's entries on the service, duplicates included */
    List<Integer> serviceNumbers();

    /**
     * @param page the 1-based page, or 1 for an unpaged read
     * @return a matcher of that request of the read (the harness adds the priority and fault marker)
     */
    MappingBuilder readRequest(int page);

    /**
     * @param page the 1-based page
     * @return page {@code page} as the service would send it empty while advertising more pages
     */
    ResponseDefinitionBuilder emptyPage(int page);

    /** @return a healthy-looking response whose body is cut off mid-document */
    ResponseDefinitionBuilder truncatedPage(int page);

    /** @return whether a request removes entries of the feature on the service */
    boolean isRemoval(LoggedRequest request);

    /**
     * Faults only this service produces (AniList's GraphQL errors inside an HTTP 200, say), run
     * after the shared ones through the same harness and assertions and listed in the same table.
     * They must not be absorbed by retries: the faulted run has to fail.
     *
     * @return the subject's own faults, none by default
     */
    default List<FaultCase> extraFaults() {
        return List.of();
    }

    /**
     * Opens nothing by default; subjects whose fake needs the context (virtual time) hook in here.
     *
     * @param context the context the connector's sessions are opened with
     */
    default void started(ProviderContext context) {
    }
}
