package io.crosswatch.providers.sync.anilist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.core.http.Access;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Redactor;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AniList's GraphQL endpoint: the queries this connector sends and the error handling every
 * answer needs (HTTP 200 can carry {@code errors}, HTTP 400 can carry {@code data}).
 */
final class AnilistGraphQl {

    static final String VIEWER = "query { Viewer { id name mediaListOptions { scoreFormat } } }";

    static final String COLLECTION = """
            query ($userId: Int, $type: MediaType, $chunk: Int, $perChunk: Int) {
              MediaListCollection(userId: $userId, type: $type, chunk: $chunk, perChunk: $perChunk) {
                hasNextChunk
                lists {
                  name status isCustomList
                  entries {
                    id mediaId status progress repeat updatedAt score
                    completedAt { year month day }
                    media { id idMal format episodes seasonYear title { romaji english native } }
                  }
                }
              }
            }""";

    static final String BY_MAL = """
            query ($ids: [Int]) {
              Page(perPage: 50) { media(idMal_in: $ids, type: ANIME) { id idMal format episodes seasonYear
                title { romaji english native } } }
            }""";

    static final String BY_ID = """
            query ($ids: [Int]) {
              Page(perPage: 50) { media(id_in: $ids, type: ANIME) { id idMal format episodes seasonYear
                title { romaji english native } } }
            }""";

    /** What a mutation returns per alias. */
    static final String ENTRY_FIELDS = "{ id mediaId status progress repeat updatedAt score completedAt { year month day } "
            + "media { id idMal format episodes seasonYear title { romaji english native } } }";

    private final ServiceClient client;
    /** The endpoint itself: AniList answers on its root, a proxy or test may mount it under a path. */
    private final String endpoint;

    AnilistGraphQl(ServiceClient client) {
        this.client = client;
        this.endpoint = client.baseUrl().orElseThrow().toString();
    }

    /** A query: retried like a GET, spends the (shared) budget as a read. */
    JsonNode query(String query, Map<String, ?> variables) {
        JsonNode tree = post(query, variables, true);
        String error = firstError(tree);
        if (error != null) {
            throw new ProviderException(client.provider(), 0, false, "the AniList query failed: " + error, null);
        }
        return tree.path("data");
    }

    /**
     * A mutation document with one aliased field per item. Returns the whole answer: {@code data}
     * per alias and {@code errors} whose {@code path[0]} names the alias that failed.
     */
    JsonNode mutate(String document) {
        return post(document, Map.of(), false);
    }

    /** Streams the user's anime list in chunks of up to 500 entries. */
    PagedItems<JsonNode> collection(long userId) {
        return Paging.graphQlChunks(client, endpoint, COLLECTION, Map.of("userId", userId, "type", "ANIME"), 500,
                "MediaListCollection", c -> {
                    List<JsonNode> out = new ArrayList<>();
                    for (JsonNode list : c.path("lists")) {
                        list.path("entries").forEach(out::add);
                    }
                    return out;
                });
    }

    private JsonNode post(String query, Map<String, ?> variables, boolean read) {
        ObjectNode body = client.mapper().createObjectNode().put("query", query);
        body.set("variables", client.mapper().valueToTree(variables));
        ServiceResponse r = client.request("POST", endpoint).json(body).idempotent(read)
                .access(read ? Access.READ : Access.WRITE).allowStatus(400, 404).send();
        JsonNode tree = withoutEchoedSecrets(r.json(), r);
        String error = firstError(tree);
        if (error != null && error.toLowerCase(Locale.ROOT).contains("invalid token")) {
            throw new AuthException(client.provider(), "AniList refused the token (" + error
                    + "); tokens last a year: run 'crosswatch connect anilist' again");
        }
        if (r.status() == 400 && !tree.path("data").isObject()) {
            throw new ProviderException(client.provider(), 400, false, "AniList rejected the request: "
                    + (error == null ? "HTTP 400" : error), null);
        }
        return tree;
    }

    /**
     * GraphQL error messages end up in exceptions and item results; a server may quote the
     * request in them (the token, in "invalid token …"), so they are scrubbed of every secret
     * the request carried before anything reads them.
     */
    private static JsonNode withoutEchoedSecrets(JsonNode tree, ServiceResponse r) {
        JsonNode errors = tree.path("errors");
        if (!errors.isArray()) {
            return tree;
        }
        for (JsonNode e : errors) {
            if (e instanceof ObjectNode o && o.path("message").isTextual()) {
                o.put("message", r.redact(o.path("message").asText()));
            }
        }
        return tree;
    }

    /** @return the first GraphQL error message (redacted), or {@code null} */
    static String firstError(JsonNode tree) {
        JsonNode errors = tree.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        String message = errors.get(0).path("message").asText("unknown error");
        return Redactor.standard().json(com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString())
                .replaceAll("^\"|\"$", "");
    }

    @Override
    public String toString() {
        return "AnilistGraphQl[" + client + "]";
    }
}
