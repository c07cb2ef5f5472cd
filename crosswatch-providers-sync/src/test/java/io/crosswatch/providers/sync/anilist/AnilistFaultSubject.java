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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.crosswatch.providers.sync.faults.FaultCase;
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

    /**
     * AniList's own failure mode: GraphQL {@code errors} inside an HTTP 200 on the collection
     * read, once with no collection at all and once with a chunk that looks like the whole list
     * (one entry short, {@code hasNextChunk: false}) beside a query-complexity error.
     */
    @Override
    public List<FaultCase> extraFaults() {
        return List.of(
                FaultCase.persistent("GraphQL error in a 200, no data", false, (s, page) -> okJson(
                        "{\"data\":{\"MediaListCollection\":null},"
                                + "\"errors\":[{\"message\":\"Internal Server Error\",\"status\":500}]}")),
                FaultCase.persistent("GraphQL error in a 200, partial data that looks complete", true,
                        (s, page) -> okJson(partialChunk(page))));
    }

    /** The healthy chunk less its last entry (in every list: custom lists repeat it), claiming to be the last one. */
    private String partialChunk(int page) {
        ObjectNode body = fake.chunk(page, 500);
        ObjectNode collection = (ObjectNode) body.path("data").path("MediaListCollection");
        long dropped = -1;
        for (JsonNode list : collection.path("lists")) {
            for (JsonNode e : list.path("entries")) {
                dropped = e.path("mediaId").asLong();
            }
        }
        if (dropped < 0) {
            throw new IllegalStateException("chunk " + page + " holds no entry to leave out");
        }
        for (JsonNode list : collection.path("lists")) {
            ArrayNode entries = (ArrayNode) list.path("entries");
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).path("mediaId").asLong() == dropped) {
                    entries.remove(i);
                }
            }
        }
        collection.put("hasNextChunk", false);
        body.putArray("errors").addObject().put("message", "Hit the query complexity limit").put("status", 400);
        return body.toString();
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getBodyAsString().contains("DeleteMediaListEntry");
    }
}
