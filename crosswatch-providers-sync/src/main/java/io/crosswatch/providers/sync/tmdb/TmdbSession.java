package io.crosswatch.providers.sync.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run against a TMDB account: reads the watchlist ({@code /account/{id}/watchlist/movies|tv})
 * and ratings ({@code /account/{id}/rated/movies|tv|tv/episodes}) page by page, writes one item
 * per request ({@code POST /account/{id}/watchlist}, {@code POST|DELETE /movie|tv/{id}/rating},
 * {@code POST|DELETE /tv/{id}/season/{s}/episode/{e}/rating}).
 */
final class TmdbSession implements ConnectorSession {

    private final TmdbSyncApi api;
    private String accountId;

    TmdbSession(TmdbSyncApi api) {
        this.api = api;
        this.accountId = api.configuredAccountId().orElse(null);
    }

    private String accountId() {
        if (accountId == null) {
            JsonNode account = api.request("GET", "/account", Query.empty()).json();
            if (!account.path("id").isNumber()) {
                throw new ProviderException(TmdbSyncApi.NAME, 200, false, "GET /account returned no account id", null);
            }
            accountId = account.path("id").asText();
        }
        return accountId;
    }

    // ---- reads ------------------------------------------------------------------------------

    @Override
    public ReadResult read(ReadRequest request) {
        String list = switch (request.feature()) {
            case WATCHLIST -> "watchlist";
            case RATINGS -> "rated";
            default -> null;
        };
        if (list == null) {
            return ReadResult.failed("TMDB does not support " + request.feature().key());
        }
        try {
            List<MediaItem> items = new ArrayList<>();
            readList(list, "movies", MediaType.MOVIE, request.feature(), items);
            readList(list, "tv", MediaType.SHOW, request.feature(), items);
            if (request.feature() == Feature.RATINGS) {
                readList(list, "tv/episodes", MediaType.EPISODE, request.feature(), items);
            }
            return ReadResult.complete(items);
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            return ReadResult.failed("reading the TMDB " + request.feature().key() + " failed: " + e.getMessage());
        }
    }

    private void readList(String list, String kind, MediaType type, Feature feature, List<MediaItem> out) {
        Query query = api.authenticated(Query.of("sort_by", "created_at.asc", "language", api.language().orElse(null)));
        PagedItems<JsonNode> pages = Paging.totalPages(api.client(), "/account/" + accountId() + "/" + list + "/" + kind,
                query, JsonNode.class);
        while (pages.hasNext()) {
            JsonNode n = pages.next();
            toItem(n, type, feature).ifPresent(out::add);
        }
    }

    private static Optional<MediaItem> toItem(JsonNode n, MediaType type, Feature feature) {
        if (!n.path("id").isNumber()) {
            return Optional.empty();
        }
        boolean movie = type == MediaType.MOVIE;
        MediaItem.Builder b = MediaItem.builder(type).id("tmdb", n.path("id").asText())
                .title(n.path(movie ? "title" : "name").asText(null));
        if (type == MediaType.EPISODE) {
            if (!n.path("show_id").isNumber() || !n.path("season_number").isNumber()
                    || !n.path("episode_number").isNumber()) {
                return Optional.empty();
            }
            b.showIds(MediaIds.of("tmdb", n.path("show_id").asText())).season(n.path("season_number").asInt())
                    .episode(n.path("episode_number").asInt()).year(year(n.path("air_date").asText("")));
        } else {
            b.year(year(n.path(movie ? "release_date" : "first_air_date").asText("")));
        }
        if (feature == Feature.RATINGS) {
            if (!n.path("rating").isNumber()) {
                return Optional.empty();
            }
            b.rating(toTen(n.path("rating").asDouble()));
        }
        return Optional.of(b.build());
    }

    /** TMDB's 0.5–10 in half steps onto whole points 1–10, halves rounded up. */
    static int toTen(double value) {
        return (int) Math.max(1, Math.min(10, Math.floor(value + 0.5)));
    }

    private static Integer year(String date) {
        if (date.length() < 4) {
            return null; // TMDB sends "" for unknown dates
        }
        try {
            return Integer.valueOf(date.substring(0, 4));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- writes -----------------------------------------------------------------------------

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, true);
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, false);
    }

    private WriteResult write(Feature feature, List<MediaItem> items, boolean dryRun, boolean add) {
        List<ItemOutcome> out = new ArrayList<>(items.size());
        for (MediaItem item : items) {
            out.add(writeOne(feature, item, dryRun, add));
        }
        return new WriteResult(out);
    }

    private ItemOutcome writeOne(Feature feature, MediaItem item, boolean dryRun, boolean add) {
        boolean supported = switch (feature) {
            case WATCHLIST -> item.type() == MediaType.MOVIE || item.type() == MediaType.SHOW;
            case RATINGS -> item.type() != MediaType.SEASON;
            default -> false;
        };
        if (!supported) {
            return new ItemOutcome(item, Outcome.UNSUPPORTED,
                    "TMDB takes movies and shows for the watchlist, and movies, shows and episodes for ratings");
        }
        if (feature == Feature.RATINGS && add && item.rating().isEmpty()) {
            return new ItemOutcome(item, Outcome.FAILED, "the item carries no rating");
        }
        try {
            Optional<String> id = TmdbIdLookup.tmdbId(api, item);
            if (id.isEmpty()) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "no TMDB id and none found for " + item.ids());
            }
            Outcome done = add ? Outcome.ADDED : Outcome.REMOVED;
            if (dryRun) {
                return new ItemOutcome(item, done, null);
            }
            return feature == Feature.WATCHLIST ? watchlist(item, id.get(), add) : rating(item, id.get(), add);
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            return new ItemOutcome(item, Outcome.FAILED, e.getMessage());
        }
    }

    private ItemOutcome watchlist(MediaItem item, String id, boolean add) {
        Map<String, Object> body = Map.of("media_type", item.type() == MediaType.MOVIE ? "movie" : "tv",
                "media_id", Long.parseLong(id), "watchlist", add);
        ServiceResponse r = api.request("POST", "/account/" + accountId() + "/watchlist", Query.empty()).json(body)
                .allowStatus(404).send();
        if (r.status() == 404) {
            return new ItemOutcome(item, Outcome.NOT_FOUND, "TMDB does not know " + item.type().key() + " " + id);
        }
        Outcome o = outcome(r.json(), add);
        // 12 "updated" on a watchlist add means the item was already there.
        return new ItemOutcome(item, o == Outcome.UPDATED ? Outcome.EXISTING : o, null);
    }

    private ItemOutcome rating(MediaItem item, String id, boolean add) {
        String path = switch (item.type()) {
            case MOVIE -> "/movie/" + id + "/rating";
            case EPISODE -> "/tv/" + id + "/season/" + item.season().orElseThrow() + "/episode/"
                    + item.episode().orElseThrow() + "/rating";
            default -> "/tv/" + id + "/rating";
        };
        ServiceResponse r = add
                ? api.request("POST", path, Query.empty()).json(Map.of("value", (double) item.rating().orElseThrow()))
                .allowStatus(404).send()
                : api.request("DELETE", path, Query.empty()).allowStatus(404).send();
        if (r.status() == 404) {
            return new ItemOutcome(item, Outcome.NOT_FOUND, "TMDB does not know " + item.type().key() + " " + id);
        }
        return new ItemOutcome(item, outcome(r.json(), add), null);
    }

    /** TMDB says 1 for created, 12 for updated, 13 for deleted; {@code success: false} is a refusal. */
    private static Outcome outcome(JsonNode body, boolean add) {
        if (body.has("success") && !body.path("success").asBoolean()) {
            throw new ProviderException(TmdbSyncApi.NAME, 200, false, "TMDB refused the write: "
                    + body.path("status_message").asText("no reason given"), null);
        }
        if (!add) {
            return Outcome.REMOVED;
        }
        return body.path("status_code").asInt(1) == 12 ? Outcome.UPDATED : Outcome.ADDED;
    }

    @Override
    public Health health() {
        long started = System.nanoTime();
        try {
            accountId = null;
            accountId();
            return Health.up(Duration.ofNanos(System.nanoTime() - started));
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Health(Health.State.DOWN, Duration.ofNanos(System.nanoTime() - started),
                    "TMDB /account failed: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TmdbSession[" + TmdbSyncApi.NAME + "]";
    }
}
