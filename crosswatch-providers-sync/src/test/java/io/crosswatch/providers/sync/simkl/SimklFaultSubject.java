package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.faults.FaultSubject;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * SIMKL under the fault matrix: the history read, which is the single {@code GET /sync/all-items}
 * (SIMKL does not page it), movies completed with their last watch date.
 */
public final class SimklFaultSubject implements FaultSubject {

    private static final Instant WATCHED = Instant.parse("2026-03-01T00:00:00Z");

    private final SimklFake fake = new SimklFake();

    @Override
    public String name() {
        return "SIMKL";
    }

    @Override
    public Feature feature() {
        return Feature.HISTORY;
    }

    @Override
    public OptionalInt pageSize() {
        return OptionalInt.empty();
    }

    @Override
    public List<Extension> extensions() {
        return List.of(fake);
    }

    @Override
    public void reset(WireMockServer server) {
        fake.reset();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(SimklFake.NAME)));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new SimklConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return SimklConnectorContractTest.config(baseUrl);
    }

    @Override
    public List<String> secrets() {
        return List.of(SimklFake.TOKEN);
    }

    @Override
    public void seed(int n) {
        SimklFake.Row r = fake.seed("movie", "Movie " + n, 2000 + n % 20, "completed", "simkl", String.valueOf(700000 + n),
                "tmdb", String.valueOf(100000 + n));
        r.lastWatchedAt = watched(n).toString();
    }

    @Override
    public void touch() {
        fake.touch("movie", "completed");
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.MOVIE).title("Movie " + n).year(2000 + n % 20)
                .ids(MediaIds.of("simkl", String.valueOf(700000 + n), "tmdb", String.valueOf(100000 + n)))
                .watchedAt(watched(n)).build();
    }

    private static Instant watched(int n) {
        return WATCHED.minusSeconds(3600L * n);
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        return fake.rows().stream().filter(r -> r.kind.equals("movie") && "completed".equals(r.status))
                .map(r -> r.media.path("ids").path("tmdb").asInt() - 100000).toList();
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo("/sync/all-items"));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        throw new UnsupportedOperationException("SIMKL's library read is not paged");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"movies\":[{\"status\":\"completed\",\"last_watched_at\":\"2026-02-28T23:00:00Z\",\"movie\":{\"title\":\"Mov");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getMethod().getName().equals("POST") && request.getUrl().startsWith("/sync/history/remove");
    }
}
