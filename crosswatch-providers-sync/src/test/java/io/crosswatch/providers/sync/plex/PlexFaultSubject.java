package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Plex under the fault matrix: history, read as the movie section's paged listing
 * ({@code /library/sections/1/all?type=1}, {@value #PAGE_SIZE} rows a page) with each row's
 * {@code viewCount}; a removal is an {@code /:/unscrobble}.
 */
public final class PlexFaultSubject implements FaultSubject {

    private static final int PAGE_SIZE = 3;
    private static final long WATCHED = 1_700_000_000L;

    private final FakePlex fake = new FakePlex();
    private final TreeSet<Integer> known = new TreeSet<>();

    @Override
    public String name() {
        return "Plex";
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
        known.clear();
        fake.section("1", "movie", "Movies");
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(ok()));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new PlexConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return PlexFixtures.config(baseUrl, Map.of("pageSize", PAGE_SIZE));
    }

    @Override
    public List<String> secrets() {
        return List.of(PlexFixtures.TOKEN, PlexFixtures.SERVER_TOKEN);
    }

    @Override
    public void seed(int n) {
        movie(n).put("viewCount", 1).put("lastViewedAt", WATCHED - 3600L * n);
    }

    @Override
    public void prepareForAdd(int n) {
        movie(n);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode movie(int n) {
        known.add(n);
        return fake.movie("1", ratingKey(n), "Movie " + n, 2000 + n % 20, String.format("plex://movie/%024x", n),
                "tmdb://" + (100000 + n));
    }

    private static String ratingKey(int n) {
        return String.valueOf(1000 + n);
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.MOVIE).title("Movie " + n).year(2000 + n % 20)
                .ids(MediaIds.of("tmdb", String.valueOf(100000 + n))).watchedAt(Instant.ofEpochSecond(WATCHED - 3600L * n))
                .build();
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        List<Integer> out = new ArrayList<>();
        for (int n : known) {
            if (fake.item(ratingKey(n)).path("viewCount").asInt(0) > 0) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo("/library/sections/1/all")).withQueryParam("type", equalTo("1"))
                .withQueryParam("X-Plex-Container-Start", equalTo(String.valueOf((page - 1) * PAGE_SIZE)));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        int start = (page - 1) * PAGE_SIZE;
        return okJson("{\"MediaContainer\":{\"size\":0,\"totalSize\":" + seedCount(true) + ",\"offset\":" + start
                + ",\"Metadata\":[]}}");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"MediaContainer\":{\"size\":1,\"totalSize\":" + seedCount(false)
                + ",\"Metadata\":[{\"ratingKey\":\"1004\",\"key\":\"/library/metadata/1004\",\"type\":\"movie\",\"ti");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getUrl().startsWith("/:/unscrobble");
    }
}
