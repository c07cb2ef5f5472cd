package io.crosswatch.providers.sync.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

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
import java.util.List;
import java.util.OptionalInt;

/**
 * TMDB under the fault matrix: the watchlist (TMDB keeps no history), read as
 * {@code GET /account/{id}/watchlist/movies?page=N}; the fake pages {@value #PAGE_SIZE} results
 * at a time instead of 20. A removal is a {@code POST /account/{id}/watchlist} with
 * {@code "watchlist": false}.
 */
public final class TmdbFaultSubject implements FaultSubject {

    private static final int PAGE_SIZE = 3;
    private static final String MOVIES = "/3/account/" + FakeTmdbAccount.ACCOUNT_ID + "/watchlist/movies";

    private final FakeTmdbAccount fake = new FakeTmdbAccount();

    @Override
    public String name() {
        return "TMDB";
    }

    @Override
    public Feature feature() {
        return Feature.WATCHLIST;
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
        fake.pageSize(PAGE_SIZE);
        server.stubFor(any(urlPathMatching("/3/.*")).atPriority(10).willReturn(aResponse().withTransformers(FakeTmdbAccount.NAME)));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new TmdbConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return FakeTmdbAccount.config(baseUrl);
    }

    @Override
    public List<String> secrets() {
        return List.of(FakeTmdbAccount.API_KEY, FakeTmdbAccount.SESSION_ID);
    }

    @Override
    public void seed(int n) {
        prepareForAdd(n);
        fake.watchlistMovie(100000 + n);
    }

    @Override
    public void prepareForAdd(int n) {
        fake.addMovie(100000 + n, "Movie " + n, "2020-01-01");
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.MOVIE).title("Movie " + n).year(2020)
                .ids(MediaIds.of("tmdb", String.valueOf(100000 + n))).build();
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        return fake.watchlistMovies().stream().map(id -> id - 100000).sorted().toList();
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo(MOVIES)).withQueryParam("page", equalTo(String.valueOf(page)));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        int total = seedCount(true);
        return okJson("{\"page\":" + page + ",\"total_pages\":" + (total + PAGE_SIZE - 1) / PAGE_SIZE + ",\"total_results\":"
                + total + ",\"results\":[]}");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"page\":" + page + ",\"total_pages\":2,\"total_results\":4,\"results\":[{\"id\":100004,\"title\":\"Mov");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getMethod().getName().equals("POST") && request.getUrl().startsWith("/3/account/")
                && request.getBodyAsString().replace(" ", "").contains("\"watchlist\":false");
    }
}
