package io.crosswatch.core.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lazy pagers for the paging styles of the services CrossWatch talks to. Each returns a
 * {@link PagedItems} that requests the next page only when iteration reaches it, so a
 * library of 100,000 items never sits in memory as pages.
 *
 * <p>Offset styles advance by the number of items actually received, so a server that
 * caps the page size below the one asked for (Plex does) still yields every item.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Paging {

    private Paging() {
    }

    /**
     * Trakt style: {@code ?page=N&limit=M} (1-based) with the {@code X-Pagination-Page-Count}
     * and {@code X-Pagination-Item-Count} headers; the body is a JSON array. Without the
     * headers a short page ends the list.
     *
     * @param client the client
     * @param path   the endpoint
     * @param query  other parameters
     * @param limit  items per page (Trakt: at most 250)
     * @param type   the item type ({@code JsonNode.class} for trees)
     * @param <T>    the item type
     * @return the lazy items
     */
    public static <T> PagedItems<T> pageCount(ServiceClient client, String path, Query query, int limit, Class<T> type) {
        ObjectReader reader = reader(client, type);
        return new PagedItems<>(client.provider(), "GET " + path, (index, before) -> {
            int page = index + 1;
            ServiceResponse r = client.request("GET", path).query(query.set("page", page).set("limit", limit)).send();
            List<T> items = items(r, r.json(), reader);
            long pageCount = r.headerLong("X-Pagination-Page-Count").orElse(-1);
            long total = r.headerLong("X-Pagination-Item-Count").orElse(-1);
            boolean more = pageCount >= 0 ? page < pageCount : items.size() >= limit;
            return new PagedItems.Page<>(items, more, total);
        });
    }

    /**
     * Plex style: {@code X-Plex-Container-Start}/{@code X-Plex-Container-Size} query
     * parameters, a {@code MediaContainer} with {@code totalSize} (or the
     * {@code X-Plex-Container-Total-Size} header) and the items in {@code itemsField}.
     *
     * @param client     the client
     * @param path       the endpoint
     * @param query      other parameters
     * @param size       items per page (100–200 is typical)
     * @param itemsField the array inside {@code MediaContainer}: {@code Metadata}, {@code Directory}, …
     * @param type       the item type
     * @param <T>        the item type
     * @return the lazy items
     */
    public static <T> PagedItems<T> plex(ServiceClient client, String path, Query query, int size, String itemsField,
                                         Class<T> type) {
        ObjectReader reader = reader(client, type);
        return new PagedItems<>(client.provider(), "GET " + path, (index, before) -> {
            ServiceResponse r = client.request("GET", path)
                    .query(query.set("X-Plex-Container-Start", before).set("X-Plex-Container-Size", size)).send();
            JsonNode container = r.json().path("MediaContainer");
            if (!container.isObject()) {
                // Plex always wraps a page, even an empty one, in a MediaContainer; a body without
                // one is not "no items" (that would read as a library emptied by the user).
                throw new ProviderException(client.provider(), r.status(), true, r.endpoint()
                        + " returned a page without a MediaContainer", null);
            }
            List<T> items = items(r, container.path(itemsField), reader);
            long total = container.path("totalSize").isNumber() ? container.path("totalSize").asLong()
                    : r.headerLong("X-Plex-Container-Total-Size").orElse(-1);
            boolean more = total >= 0 ? before + items.size() < total : items.size() >= size;
            return new PagedItems.Page<>(items, more, total);
        });
    }

    /**
     * Jellyfin and Emby style: {@code StartIndex}/{@code Limit} query parameters and a body
     * {@code {"Items": [...], "TotalRecordCount": n}}.
     *
     * @param client the client
     * @param path   the endpoint
     * @param query  other parameters
     * @param limit  items per page
     * @param type   the item type
     * @param <T>    the item type
     * @return the lazy items
     */
    public static <T> PagedItems<T> startIndex(ServiceClient client, String path, Query query, int limit, Class<T> type) {
        ObjectReader reader = reader(client, type);
        return new PagedItems<>(client.provider(), "GET " + path, (index, before) -> {
            ServiceResponse r = client.request("GET", path).query(query.set("StartIndex", before).set("Limit", limit)).send();
            JsonNode body = r.json();
            List<T> items = items(r, body.path("Items"), reader);
            long total = body.path("TotalRecordCount").isNumber() ? body.path("TotalRecordCount").asLong() : -1;
            boolean more = total >= 0 ? before + items.size() < total : items.size() >= limit;
            return new PagedItems.Page<>(items, more, total);
        });
    }

    /**
     * TMDB style: {@code ?page=N} (1-based) and a body
     * {@code {"page": n, "results": [...], "total_pages": p, "total_results": r}}.
     *
     * @param client the client
     * @param path   the endpoint
     * @param query  other parameters
     * @param type   the item type
     * @param <T>    the item type
     * @return the lazy items
     */
    public static <T> PagedItems<T> totalPages(ServiceClient client, String path, Query query, Class<T> type) {
        ObjectReader reader = reader(client, type);
        return new PagedItems<>(client.provider(), "GET " + path, (index, before) -> {
            int page = index + 1;
            ServiceResponse r = client.request("GET", path).query(query.set("page", page)).send();
            JsonNode body = r.json();
            List<T> items = items(r, body.path("results"), reader);
            long pages = body.path("total_pages").isNumber() ? body.path("total_pages").asLong() : page;
            long total = body.path("total_results").isNumber() ? body.path("total_results").asLong() : -1;
            return new PagedItems.Page<>(items, page < pages, total);
        });
    }

    /**
     * AniList style: a GraphQL query POSTed with {@code page} and {@code perPage} variables,
     * answered as {@code {"data": {"Page": {"pageInfo": {"hasNextPage": b}, "<itemsField>": [...]}}}}.
     * The POST is a read: it is retried like a GET and spends the read budget. A response
     * with {@code errors} fails with a {@link ProviderException}.
     *
     * @param client     the client
     * @param path       the GraphQL endpoint (AniList: {@code /})
     * @param graphQl    the query; it must declare {@code $page} and {@code $perPage}
     * @param variables  other variables
     * @param perPage    items per page (AniList: at most 50)
     * @param itemsField the list inside {@code Page}, such as {@code media} or {@code mediaList}
     * @param type       the item type
     * @param <T>        the item type
     * @return the lazy items
     */
    public static <T> PagedItems<T> graphQl(ServiceClient client, String path, String graphQl, Map<String, ?> variables,
                                            int perPage, String itemsField, Class<T> type) {
        Objects.requireNonNull(graphQl, "graphQl");
        ObjectReader reader = reader(client, type);
        return new PagedItems<>(client.provider(), "POST " + path + " (GraphQL " + itemsField + ")", (index, before) -> {
            ServiceResponse r = graphQlPage(client, path, graphQl, variables, "page", index + 1, "perPage", perPage);
            JsonNode tree = r.json();
            JsonNode page = tree.path("data").path("Page");
            List<T> items = items(r, page.path(itemsField), reader);
            boolean more = page.path("pageInfo").path("hasNextPage").asBoolean(false);
            long total = page.path("pageInfo").path("total").isNumber() ? page.path("pageInfo").path("total").asLong() : -1;
            return new PagedItems.Page<>(items, more, total);
        });
    }

    /**
     * AniList collection style: a GraphQL query POSTed with {@code chunk} (1-based) and
     * {@code perChunk} variables, answered as {@code {"data": {"<field>": {"hasNextChunk": b, ...}}}}
     * (AniList's {@code MediaListCollection}). The caller picks the rows out of each chunk.
     * Reads like {@link #graphQl}: retried like a GET, and {@code errors} fail with a
     * {@link ProviderException}.
     *
     * @param client     the client
     * @param path       the GraphQL endpoint (AniList: {@code /})
     * @param graphQl    the query; it must declare {@code $chunk} and {@code $perChunk}
     * @param variables  other variables
     * @param perChunk   rows per chunk (AniList: at most 500)
     * @param field      the collection under {@code data}, such as {@code MediaListCollection}
     * @param rows       picks a chunk's rows out of the collection object
     * @return the lazy rows
     */
    public static PagedItems<JsonNode> graphQlChunks(ServiceClient client, String path, String graphQl,
                                                     Map<String, ?> variables, int perChunk, String field,
                                                     Function<JsonNode, List<JsonNode>> rows) {
        Objects.requireNonNull(graphQl, "graphQl");
        Objects.requireNonNull(rows, "rows");
        return new PagedItems<>(client.provider(), "POST " + path + " (GraphQL " + field + ")", (index, before) -> {
            ServiceResponse r = graphQlPage(client, path, graphQl, variables, "chunk", index + 1, "perChunk", perChunk);
            JsonNode tree = r.json();
            JsonNode collection = tree.path("data").path(field);
            if (!collection.isObject()) {
                throw new ProviderException(client.provider(), r.status(), false, r.endpoint() + " returned no " + field, null);
            }
            return new PagedItems.Page<>(rows.apply(collection), collection.path("hasNextChunk").asBoolean(false), -1);
        });
    }

    /**
     * Offset style with the page shape left to the caller (MDBList: {@code ?limit=M&offset=N}
     * and a body such as {@code {"items": [...], "pagination": {"has_more": b}}}). The offset
     * advances by the rows actually received.
     *
     * @param client the client
     * @param path   the endpoint
     * @param query  other parameters
     * @param limit  rows per page
     * @param rows   picks a page's rows out of its body (an empty list when there are none)
     * @param more   whether the body says more rows follow; decide the fallback (such as a
     *               full page) inside it when the service does not say
     * @return the lazy rows
     */
    public static PagedItems<JsonNode> offset(ServiceClient client, String path, Query query, int limit,
                                              Function<JsonNode, List<JsonNode>> rows, Predicate<JsonNode> more) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(more, "more");
        return new PagedItems<>(client.provider(), "GET " + path, (index, before) -> {
            ServiceResponse r = client.request("GET", path).query(query.set("limit", limit).set("offset", before)).send();
            JsonNode body = r.json();
            List<JsonNode> items = rows.apply(body);
            return new PagedItems.Page<>(items, more.test(body), -1);
        });
    }

    /**
     * POSTs one page of a GraphQL query (a read: retried like a GET) and fails on GraphQL
     * {@code errors}, which arrive with status 200.
     */
    private static ServiceResponse graphQlPage(ServiceClient client, String path, String graphQl, Map<String, ?> variables,
                                               String pageVar, int page, String sizeVar, int size) {
        ObjectNode body = client.mapper().createObjectNode();
        body.put("query", graphQl);
        ObjectNode vars = client.mapper().valueToTree(variables);
        vars.put(pageVar, page);
        vars.put(sizeVar, size);
        body.set("variables", vars);
        ServiceResponse r = client.request("POST", path).json(body).idempotent().access(Access.READ).send();
        JsonNode errors = r.json().path("errors");
        if (errors.isArray() && errors.size() > 0) {
            String message = errors.get(0).path("message").asText("unknown error");
            throw new ProviderException(client.provider(), r.status(), false, r.endpoint() + " returned a GraphQL error: "
                    + Redactor.standard().json(client.mapper().valueToTree(message).toString()), null);
        }
        return r;
    }

    private static ObjectReader reader(ServiceClient client, Class<?> type) {
        JavaType javaType = client.mapper().constructType(type);
        return client.mapper().readerFor(javaType);
    }

    private static <T> List<T> items(ServiceResponse r, JsonNode array, ObjectReader reader) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ProviderException(r.provider(), r.status(), false, r.endpoint()
                    + " returned a page whose items are not a JSON array (" + array.getNodeType() + ")", null);
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            try {
                out.add(reader.readValue(element));
            } catch (IOException e) {
                throw new ProviderException(r.provider(), r.status(), false, r.endpoint()
                        + " returned an item that does not fit the expected type (" + e.getClass().getSimpleName() + ")", null);
            }
        }
        return out;
    }
}
