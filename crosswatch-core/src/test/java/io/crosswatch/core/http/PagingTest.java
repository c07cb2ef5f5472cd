package io.crosswatch.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** An item as the tests decode it. */
    record Item(int id) {
    }

    private ServiceClient client;

    @BeforeEach
    void setUp() {
        FakeTime time = FakeTime.at("2026-01-01T00:00:00Z");
        client = HttpToolkit.builder().clock(time).sleeper(time).build().client("svc").baseUrl(wm.baseUrl()).build();
    }

    private static String items(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "{\"id\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
    }

    private static void assertAllInOrder(List<Item> items, int expected) {
        assertEquals(expected, items.size());
        for (int i = 0; i < expected; i++) {
            assertEquals(i, items.get(i).id());
        }
    }

    @Test
    void traktPageCountStreamsTenThousandItemsLazily() {
        int pages = 40;
        for (int p = 1; p <= pages; p++) {
            wm.stubFor(get(urlPathEqualTo("/sync/history")).withQueryParam("page", equalTo(String.valueOf(p)))
                    .withQueryParam("limit", equalTo("250"))
                    .willReturn(okJson(items((p - 1) * 250, 250)).withHeader("X-Pagination-Page-Count", String.valueOf(pages))
                            .withHeader("X-Pagination-Item-Count", "10000")));
        }

        PagedItems<Item> it = Paging.pageCount(client, "/sync/history", Query.of("type", "movies"), 250, Item.class);
        assertEquals(0, it.pagesFetched(), "nothing is fetched before iteration");
        it.next();
        assertEquals(1, it.pagesFetched());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sync/history")).withQueryParam("type", equalTo("movies")));
        for (int i = 1; i < 251; i++) {
            it.next();
        }
        assertEquals(2, it.pagesFetched(), "page 2 is fetched only when item 251 is reached");

        List<Item> rest = it.stream().collect(Collectors.toList());
        assertEquals(10_000 - 251, rest.size());
        assertEquals(9_999, rest.get(rest.size() - 1).id());
        assertEquals(pages, it.pagesFetched());
        assertEquals(10_000, it.advertisedTotal().getAsLong());
        wm.verify(pages, getRequestedFor(urlPathEqualTo("/sync/history")));
    }

    @Test
    void emptyPageBeforeTheAdvertisedEndIsAPartialRead() {
        for (int p = 1; p <= 5; p++) {
            String body = p == 3 ? "[]" : items((p - 1) * 10, 10);
            wm.stubFor(get(urlPathEqualTo("/sync/watchlist")).withQueryParam("page", equalTo(String.valueOf(p)))
                    .willReturn(okJson(body).withHeader("X-Pagination-Page-Count", "5")));
        }
        Iterator<Item> it = Paging.pageCount(client, "/sync/watchlist", Query.empty(), 10, Item.class);
        for (int i = 0; i < 20; i++) {
            it.next();
        }

        ProviderException e = assertThrows(ProviderException.class, it::hasNext);

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("partial read of GET /sync/watchlist"), e.getMessage());
        assertTrue(e.getMessage().contains("page 3"), e.getMessage());
    }

    @Test
    void plexContainerPagingFollowsTotalSizeEvenWhenTheServerCapsThePageSize() {
        int total = 1_000;
        for (int start = 0; start < total; start += 100) {
            wm.stubFor(get(urlPathEqualTo("/library/sections/1/all"))
                    .withQueryParam("X-Plex-Container-Start", equalTo(String.valueOf(start)))
                    .withQueryParam("X-Plex-Container-Size", equalTo("200"))
                    .willReturn(okJson("{\"MediaContainer\":{\"size\":100,\"totalSize\":" + total + ",\"offset\":" + start
                            + ",\"Metadata\":" + items(start, 100) + "}}")));
        }

        PagedItems<Item> it = Paging.plex(client, "/library/sections/1/all", Query.of("type", 1, "includeGuids", 1), 200,
                "Metadata", Item.class);
        it.next();
        assertEquals(1, it.pagesFetched());
        List<Item> all = new java.util.ArrayList<>(List.of(new Item(0)));
        it.forEachRemaining(all::add);

        assertAllInOrder(all, total);
        assertEquals(10, it.pagesFetched());
    }

    @Test
    void plexPageWithoutAMediaContainerIsAnErrorNotAnEmptyLibrary() {
        wm.stubFor(get(urlPathEqualTo("/library/sections/1/all")).willReturn(okJson("{\"errors\":[]}")));

        ProviderException e = assertThrows(ProviderException.class, () -> Paging.plex(client, "/library/sections/1/all",
                Query.of("type", 1), 200, "Metadata", Item.class).hasNext());

        assertTrue(e.getMessage().contains("without a MediaContainer"), e.getMessage());
    }

    @Test
    void plexEmptyContainerIsAnEmptyLastPage() {
        wm.stubFor(get(urlPathEqualTo("/library/sections/1/all"))
                .willReturn(okJson("{\"MediaContainer\":{\"size\":0,\"totalSize\":0}}")));

        PagedItems<Item> it = Paging.plex(client, "/library/sections/1/all", Query.of("type", 1), 200, "Metadata", Item.class);

        assertFalse(it.hasNext());
        assertEquals(1, it.pagesFetched());
    }

    @Test
    void jellyfinStartIndexPaging() {
        int total = 1_000;
        for (int start = 0; start < total; start += 200) {
            wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("StartIndex", equalTo(String.valueOf(start)))
                    .withQueryParam("Limit", equalTo("200"))
                    .willReturn(okJson("{\"Items\":" + items(start, 200) + ",\"TotalRecordCount\":" + total + "}")));
        }

        PagedItems<Item> it = Paging.startIndex(client, "/Items", Query.of("Recursive", true), 200, Item.class);
        List<Item> first = it.stream().limit(5).collect(Collectors.toList());
        assertEquals(1, it.pagesFetched());
        List<Item> all = new java.util.ArrayList<>(first);
        it.forEachRemaining(all::add);

        assertAllInOrder(all, total);
        assertEquals(5, it.pagesFetched());
    }

    @Test
    void tmdbTotalPagesPaging() {
        int pages = 50;
        for (int p = 1; p <= pages; p++) {
            wm.stubFor(get(urlPathEqualTo("/3/account/1/watchlist/movies")).withQueryParam("page", equalTo(String.valueOf(p)))
                    .willReturn(okJson("{\"page\":" + p + ",\"results\":" + items((p - 1) * 20, 20) + ",\"total_pages\":" + pages
                            + ",\"total_results\":1000}")));
        }

        PagedItems<Item> it = Paging.totalPages(client, "/3/account/1/watchlist/movies", Query.empty(), Item.class);
        it.next();
        assertEquals(1, it.pagesFetched());
        List<Item> all = new java.util.ArrayList<>(List.of(new Item(0)));
        it.forEachRemaining(all::add);

        assertAllInOrder(all, 1000);
        assertEquals(pages, it.pagesFetched());
    }

    @Test
    void aniListGraphQlHasNextPagePaging() {
        int pages = 5;
        for (int p = 1; p <= pages; p++) {
            wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.variables.page", equalTo(String.valueOf(p))))
                    .withRequestBody(matchingJsonPath("$.variables.userId", equalTo("7")))
                    .willReturn(okJson("{\"data\":{\"Page\":{\"pageInfo\":{\"hasNextPage\":" + (p < pages) + "},\"mediaList\":"
                            + items((p - 1) * 50, 50) + "}}}")));
        }

        PagedItems<JsonNode> it = Paging.graphQl(client, "/", "query ($page: Int, $perPage: Int, $userId: Int) { ... }",
                Map.of("userId", 7), 50, "mediaList", JsonNode.class);
        it.next();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/")));
        List<JsonNode> rest = it.stream().collect(Collectors.toList());

        assertEquals(249, rest.size());
        assertEquals(249, rest.get(248).path("id").asInt());
        assertEquals(pages, it.pagesFetched());
    }

    @Test
    void graphQlErrorsAreProviderExceptions() {
        wm.stubFor(post(urlPathEqualTo("/")).willReturn(okJson("{\"data\":null,\"errors\":[{\"message\":\"Invalid token\",\"status\":400}]}")));

        ProviderException e = assertThrows(ProviderException.class, () -> Paging.graphQl(client, "/", "q", Map.of(), 50,
                "media", JsonNode.class).hasNext());

        assertTrue(e.getMessage().contains("Invalid token"), e.getMessage());
    }

    @Test
    void offsetAdvancesByRowsReceivedAndStopsWhenTheBodySaysNoMore() {
        wm.stubFor(get(urlPathEqualTo("/list")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"items\":" + items(0, 3) + ",\"pagination\":{\"has_more\":true}}")));
        // The server caps the page at 3 rows although 5 were asked for: the next offset is 3.
        wm.stubFor(get(urlPathEqualTo("/list")).withQueryParam("offset", equalTo("3"))
                .willReturn(okJson("{\"items\":" + items(3, 2) + ",\"pagination\":{\"has_more\":false}}")));

        List<JsonNode> rows = new java.util.ArrayList<>();
        Paging.offset(client, "/list", Query.of("k", "v"), 5,
                body -> { List<JsonNode> out = new java.util.ArrayList<>(); body.path("items").forEach(out::add); return out; },
                body -> body.path("pagination").path("has_more").asBoolean(false)).forEachRemaining(rows::add);

        assertEquals(List.of(0, 1, 2, 3, 4), rows.stream().map(n -> n.path("id").asInt()).toList());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/list")).withQueryParam("limit", equalTo("5"))
                .withQueryParam("k", equalTo("v")));
    }

    @Test
    void offsetEmptyPageAfterHasMoreIsAnIncompleteRead() {
        wm.stubFor(get(urlPathEqualTo("/list")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"items\":" + items(0, 2) + ",\"pagination\":{\"has_more\":true}}")));
        wm.stubFor(get(urlPathEqualTo("/list")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"items\":[],\"pagination\":{\"has_more\":true}}")));

        Iterator<JsonNode> it = Paging.offset(client, "/list", Query.empty(), 2,
                body -> { List<JsonNode> out = new java.util.ArrayList<>(); body.path("items").forEach(out::add); return out; },
                body -> body.path("pagination").path("has_more").asBoolean(false));
        it.next();
        it.next();
        assertThrows(ProviderException.class, it::hasNext);
    }

    @Test
    void graphQlChunksFollowHasNextChunk() {
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.variables.chunk", equalTo("1")))
                .willReturn(okJson("{\"data\":{\"MediaListCollection\":{\"hasNextChunk\":true,\"lists\":[{\"entries\":"
                        + items(0, 2) + "}]}}}")));
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.variables.chunk", equalTo("2")))
                .willReturn(okJson("{\"data\":{\"MediaListCollection\":{\"hasNextChunk\":false,\"lists\":[{\"entries\":"
                        + items(2, 1) + "}]}}}")));

        List<JsonNode> rows = new java.util.ArrayList<>();
        Paging.graphQlChunks(client, "/", "query ($userId: Int, $chunk: Int, $perChunk: Int) { x }", Map.of("userId", 7), 2,
                "MediaListCollection", c -> {
                    List<JsonNode> out = new java.util.ArrayList<>();
                    c.path("lists").forEach(l -> l.path("entries").forEach(out::add));
                    return out;
                }).forEachRemaining(rows::add);

        assertEquals(List.of(0, 1, 2), rows.stream().map(n -> n.path("id").asInt()).toList());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.variables.perChunk", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.variables.userId", equalTo("7"))));
    }
}
