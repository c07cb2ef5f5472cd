package io.crosswatch.providers.sync.anilist;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
 * AniList under the fault matrix: history (COMPLETED entries dated by {@code completedAt}), read
 * as the chunked GraphQL {@code MediaListCollection}. The connector asks for 500 entries a chunk;
 * the fake hands out {@value #CHUNK} at a time and says {@code hasNextChunk}, so a few entries make
 * several chunks. A removal is a {@code DeleteMediaListEntry} mutation.
 */
public final class AnilistFaultSubject implements FaultSubject {

    private static final int CHUNK = 3;

    private final AnilistFake fake = new AnilistFake();
    private final TreeSet<Integer> known = new TreeSet<>();

    @Override
    public String name() {
        return "AniList";
    }

    @Override
    public Feature feature() {
        return Feature.HISTORY;
    }

    @Override
    public OptionalInt pageSize() {
        return OptionalInt.of(CHUNK);
    }

    @Override
    public List<Extension> extensions() {
        return List.of(fake);
    }

    @Override
    public void reset(WireMockServer server) {
        fake.reset();
        fake.chunkCap(CHUNK);
        known.clear();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(ok()));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return new AnilistConnector(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("anilist", ProviderConfig.DEFAULT_INSTANCE, Map.of("accessToken", AnilistFake.TOKEN,
                "baseUrl", baseUrl));
    }

    @Override
    public List<String> secrets() {
        return List.of(AnilistFake.TOKEN);
    }

    @Override
    public void seed(int n) {
        prepareForAdd(n);
        fake.put(mediaId(n), "COMPLETED", 0).putObject("completedAt").put("year", 2025).put("month", 1).put("day", n);
    }

    @Override
    public void prepareForAdd(int n) {
        known.add(n);
        fake.media(mediaId(n), 60000 + n, "Anime " + n, 2020);
    }

    private static long mediaId(int n) {
        return 50000 + n;
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.SHOW).title("Anime " + n).year(2020)
                .ids(MediaIds.of(MediaIds.ANILIST, String.valueOf(mediaId(n)), MediaIds.MAL, String.valueOf(60000 + n)))
                .watchedAt(Instant.parse(String.format("2025-01-%02dT00:00:00Z", n))).build();
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get(MediaIds.MAL).map(id -> OptionalInt.of(Integer.parseInt(id) - 60000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        List<Integer> out = new ArrayList<>();
        for (int n : known) {
            var e = fake.entry(mediaId(n));
            if (e != null && e.path("status").asText().equals("COMPLETED")) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .withRequestBody(matchingJsonPath("$.variables.chunk", equalTo(String.valueOf(page))));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        return okJson("{\"data\":{\"MediaListCollection\":{\"hasNextChunk\":true,\"lists\":[]}}}");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"data\":{\"MediaListCollection\":{\"hasNextChunk\":false,\"lists\":[{\"name\":\"COMPLETED\",\"entr");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getBodyAsString().contains("DeleteMediaListEntry");
    }
}
