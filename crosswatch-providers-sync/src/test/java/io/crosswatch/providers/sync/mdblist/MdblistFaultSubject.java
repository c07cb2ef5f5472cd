package io.crosswatch.providers.sync.mdblist;

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
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.faults.FaultSubject;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * MDBList under the fault matrix: the watchlist (MDBList keeps no history), read as
 * {@code GET /watchlist/items} paged by {@code limit}/{@code offset}, {@value #PAGE_SIZE} rows a
 * page; a removal is a {@code POST /watchlist/items/remove}.
 */
public final class MdblistFaultSubject implements FaultSubject {

    private static final int PAGE_SIZE = 3;

    private final MdblistFake fake = new MdblistFake();

    @Override
    public String name() {
        return "MDBList";
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
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new MdblistConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("mdblist", ProviderConfig.DEFAULT_INSTANCE, Map.of("apiKey", MdblistFake.KEY,
                "baseUrl", baseUrl, "pageSize", PAGE_SIZE));
    }

    @Override
    public List<String> secrets() {
        return List.of(MdblistFake.KEY);
    }

    @Override
    public void seed(int n) {
        fake.preload("movie", 100000 + n, imdb(n), "Movie " + n);
    }

    @Override
    public void touch() {
        fake.touch();
    }

    private static String imdb(int n) {
        return String.format("tt%07d", 9000000 + n);
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.MOVIE).title("Movie " + n).year(2020)
                .ids(MediaIds.of("tmdb", String.valueOf(100000 + n), "imdb", imdb(n))).build();
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        return fake.watchlist().stream().map(r -> (int) (r.path("id").asLong() - 100000)).toList();
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo("/watchlist/items")).withQueryParam("offset", equalTo(String.valueOf((page - 1) * PAGE_SIZE)));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        return okJson("{\"items\":[],\"pagination\":{\"has_more\":true}}");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"items\":[{\"id\":100004,\"imdb_id\":\"tt9000004\",\"mediatype\":\"movie\",\"title\":\"Mov");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getMethod().getName().equals("POST") && request.getUrl().startsWith("/watchlist/items/remove");
    }
}
