package io.crosswatch.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small history connector written only with the HTTP toolkit, the way a real provider is: a
 * TMDB-style paged {@code GET /plays?page=N}, {@code POST /plays/add} and {@code POST /plays/remove}
 * with a bearer token. A play is {@code {"tmdb": "7", "watched_at": "…"}}. A failure mid-paging
 * keeps the pages read so far as a PARTIAL read; a failure on the first page is a FAILED read.
 */
final class PagedServiceConnector implements Connector {

    static final String NAME = "paged";
    static final String TOKEN_KEY = "accessToken";

    private final String baseUrl;
    private final HttpToolkit toolkit;

    PagedServiceConnector(String baseUrl, HttpToolkit toolkit) {
        this.baseUrl = baseUrl;
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return ConnectorManifest.builder(NAME, ApiVersion.CURRENT).features(Feature.HISTORY)
                .capabilities(ConnectorCapabilities.builder().keepsPlayEvents(true).batchSize(Feature.HISTORY, 2).build())
                .authProvider(null).build();
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        return session(context.config());
    }

    ConnectorSession session(ProviderConfig config) {
        ServiceClient client = toolkit.client(NAME).baseUrl(baseUrl).config(config).auth(AuthScheme.bearer(TOKEN_KEY))
                .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(2)))
                .readTimeout(Duration.ofMillis(1000)).build();
        return new Session(client);
    }

    static ObjectNode toJson(MediaItem play) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("tmdb", play.ids().tmdb().orElseThrow());
        n.put("watched_at", play.watchedAt().orElseThrow().toString());
        return n;
    }

    static MediaItem fromJson(JsonNode n) {
        return PlanFixtures.play(Integer.parseInt(n.path("tmdb").asText()), Instant.parse(n.path("watched_at").asText()));
    }

    /** One session: one client. */
    private static final class Session implements ConnectorSession {
        private final ServiceClient client;

        Session(ServiceClient client) {
            this.client = client;
        }

        @Override
        public ReadResult read(ReadRequest request) {
            List<MediaItem> out = new ArrayList<>();
            PagedItems<JsonNode> pages = Paging.totalPages(client, "/plays", Query.empty(), JsonNode.class);
            try {
                while (pages.hasNext()) {
                    out.add(fromJson(pages.next()));
                }
            } catch (CancelledException e) {
                throw e;
            } catch (CrossWatchException | IllegalArgumentException | java.time.DateTimeException e) {
                String why = "reading /plays failed after " + pages.pagesFetched() + " page(s): " + e.getMessage();
                return out.isEmpty() ? ReadResult.failed(why) : ReadResult.partial(out, why);
            }
            return ReadResult.complete(out);
        }

        @Override
        public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
            return write("/plays/add", items, dryRun, WriteResult.Outcome.ADDED);
        }

        @Override
        public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
            return write("/plays/remove", items, dryRun, WriteResult.Outcome.REMOVED);
        }

        private WriteResult write(String path, List<MediaItem> items, boolean dryRun, WriteResult.Outcome ok) {
            if (dryRun) {
                return WriteResult.all(items, ok);
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode plays = body.putArray("plays");
            items.forEach(i -> plays.add(toJson(i)));
            client.post(path, body);
            return WriteResult.all(items, ok);
        }
    }
}
