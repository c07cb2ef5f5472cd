package io.crosswatch.providers.sync.trakt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.faults.FaultSubject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Trakt under the fault matrix: the history read ({@code GET /sync/history}). The connector asks
 * for 250 plays a page; the fake clamps pages to {@value #PAGE_SIZE} (and says so in the paging
 * headers, as Trakt does), so a few plays make several pages.
 */
public final class TraktFaultSubject implements FaultSubject {

    private static final int PAGE_SIZE = 3;

    private final FakeTrakt fake = new FakeTrakt();

    @Override
    public String name() {
        return "Trakt";
    }

    @Override
    public Feature feature() {
        return Feature.HISTORY;
    }

    @Override
    public OptionalInt pageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public List<Extension> extensions() {
        return List.of(fake);
    }

    @Override
    public void reset(WireMockServer server) {
        fake.reset();
        fake.pageCap = PAGE_SIZE;
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeTrakt.NAME)));
    }

    @Override
    public void started(ProviderContext context) {
        fake.clock = context.clock();
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new TraktConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return TraktFixtures.config(baseUrl, Map.of());
    }

    @Override
    public List<String> secrets() {
        return List.of(fake.accessToken, fake.refreshToken);
    }

    @Override
    public void seed(int n) {
        fake.seedMovie(fake.history, n);
    }

    @Override
    public MediaItem item(int n) {
        // the play seedMovie stores: EPOCH minus n hours
        return TraktFixtures.movie(n).toBuilder().watchedAt(Instant.parse("2026-03-01T00:00:00Z").minusSeconds(3600L * n)).build();
    }

    @Override
    public void touch() {
        fake.activities.put("movies.watched_at", "2026-03-04T00:00:00.000Z");
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        return fake.history.stream().map(e -> e.media.path("ids").path("tmdb").asInt() - 100000).toList();
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo("/sync/history")).withQueryParam("page", equalTo(String.valueOf(page)));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        return pageHeaders(okJson("[]"), page, seedCount(true));
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return pageHeaders(okJson("[{\"id\":1002,\"watched_at\":\"2026-02-28T22:00:00.000Z\",\"action\":\"watch\",\"type\":\"movie\","
                + "\"movie\":{\"title\":\"Movie 2\",\"year\":2002,\"ids\":{\"trakt\":500002,\"tm"), page, seedCount(false));
    }

    /** The paging headers the fake sends for a history of {@code total} plays. */
    private static ResponseDefinitionBuilder pageHeaders(ResponseDefinitionBuilder r, int page, int total) {
        int limit = PAGE_SIZE;
        return r.withHeader("X-Pagination-Page", String.valueOf(page)).withHeader("X-Pagination-Limit", String.valueOf(limit))
                .withHeader("X-Pagination-Page-Count", String.valueOf((total + limit - 1) / limit))
                .withHeader("X-Pagination-Item-Count", String.valueOf(total));
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getMethod().getName().equals("POST") && request.getUrl().startsWith("/sync/history/remove");
    }
}
