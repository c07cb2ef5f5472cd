package io.crosswatch.providers.sync.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run against SIMKL. The library is fetched once ({@code GET /sync/all-items}) and every
 * feature is read from it; a write drops it so the next read sees the change.
 */
final class SimklSession implements ConnectorSession {

    /** The status lists a sync never moves an item out of. */
    private static final Set<String> KEPT_STATUSES = Set.of("watching", "hold", "dropped", SimklLibrary.COMPLETED);
    /** The lists a watch event must not move a show (or film) out of. */
    private static final Set<String> SHOW_KEPT_STATUSES = Set.of("hold", "dropped");
    private static final List<String> ACTIVITY_GROUPS = List.of("movies", "tv_shows", "anime");
    private static final List<String> LIST_KEYS = List.of("plantowatch", "watching", "completed", "hold", "dropped",
            "removed_from_list");
    private static final List<String> RATING_KEYS = List.of("rated_at", "removed_from_list");

    private final ServiceClient client;
    private final ProviderContext context;
    private SimklLibrary library;

    SimklSession(ServiceClient client, ProviderContext context) {
        this.client = client;
        this.context = context;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public ReadResult read(ReadRequest request) {
        context.cancellation().throwIfCancelled();
        Feature feature = request.feature();
        if (feature != Feature.WATCHLIST && feature != Feature.HISTORY && feature != Feature.RATINGS) {
            return ReadResult.failed("simkl does not sync " + feature.key());
        }
        SimklLibrary lib;
        try {
            lib = library();
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException | IllegalArgumentException e) {
            return ReadResult.failed("reading the SIMKL library failed: " + e.getMessage());
        }
        return ReadResult.complete(feature == Feature.WATCHLIST ? lib.watchlist()
                : feature == Feature.HISTORY ? lib.history() : lib.ratings());
    }

    private SimklLibrary library() {
        if (library == null) {
            JsonNode body = client.request("GET", "/sync/all-items")
                    .query(params().with("extended", "full").with("episode_watched_at", "yes")).json();
            library = SimklLibrary.parse(body);
        }
        return library;
    }

    /**
     * Tokens from {@code GET /sync/activities}: watchlist and history move with any list change of
     * movies, shows or anime (and with removals); ratings with {@code rated_at} and removals.
     */
    @Override
    public Optional<Activities> activities() {
        JsonNode a = client.request("GET", "/sync/activities").query(params()).json();
        if (!a.isObject()) {
            throw new ProviderException(SimklConnector.NAME, false,
                    "GET /sync/activities did not answer with an object");
        }
        Map<Feature, String> tokens = new EnumMap<>(Feature.class);
        String lists = token(a, LIST_KEYS);
        tokens.put(Feature.WATCHLIST, lists);
        tokens.put(Feature.HISTORY, lists);
        tokens.put(Feature.RATINGS, token(a, RATING_KEYS));
        return Optional.of(new Activities(tokens));
    }

    private static String token(JsonNode activities, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String group : ACTIVITY_GROUPS) {
            for (String k : keys) {
                JsonNode v = activities.path(group).path(k);
                sb.append(sb.length() == 0 ? "" : "|").append(v.isMissingNode() || v.isNull() ? "-" : v.asText());
            }
        }
        return sb.toString();
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            client.request("GET", "/users/settings").query(params()).send();
            return Health.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new Health(Health.State.DOWN, Duration.ofNanos(System.nanoTime() - start), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        context.cancellation().throwIfCancelled();
        return switch (feature) {
            case WATCHLIST -> addToWatchlist(items, dryRun);
            case HISTORY -> history("/sync/history", items, dryRun, true);
            case RATINGS -> ratings("/sync/ratings", items, dryRun, true);
            default -> unsupported(feature, items);
        };
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        context.cancellation().throwIfCancelled();
        return switch (feature) {
            case WATCHLIST -> removeFromWatchlist(items, dryRun);
            case HISTORY -> history("/sync/history/remove", items, dryRun, false);
            case RATINGS -> ratings("/sync/ratings/remove", items, dryRun, false);
            default -> unsupported(feature, items);
        };
    }

    /**
     * {@code POST /sync/add-to-list} with {@code to: plantowatch} per item. An item already in
     * another list (watching, on hold, dropped, completed) is left where the user put it.
     */
    private WriteResult addToWatchlist(List<MediaItem> items, boolean dryRun) {
        Outcomes out = new Outcomes(items);
        SimklBodies.Body body = new SimklBodies.Body();
        SimklLibrary lib = out.pending().isEmpty() ? null : libraryOrFail(out);
        for (MediaItem item : out.pending()) {
            if (!screen(out, item, Set.of(MediaType.MOVIE, MediaType.SHOW))) {
                continue;
            }
            Optional<SimklLibrary.Row> row = lib.find(item.type(), item.ids());
            if (row.isPresent() && SimklLibrary.PLANTOWATCH.equals(row.get().status())) {
                out.set(item, Outcome.EXISTING, "already on the SIMKL plan-to-watch list");
                continue;
            }
            if (row.isPresent() && KEPT_STATUSES.contains(row.get().status())) {
                out.set(item, Outcome.EXISTING, "kept in SIMKL's '" + row.get().status()
                        + "' list; a sync never moves it to plan to watch");
                continue;
            }
            ObjectNode node = SimklBodies.media(item, item.ids());
            node.put("to", SimklLibrary.PLANTOWATCH);
            body.add(SimklBodies.bucket(item), node);
        }
        return post("/sync/add-to-list", body, out, dryRun, Outcome.ADDED);
    }

    /**
     * Removes plan-to-watch items. SIMKL has no "remove from list": {@code POST
     * /sync/history/remove} of the bare item takes it out of the library, so it is sent only for
     * items that are on the plan-to-watch list now and nothing else is touched.
     */
    private WriteResult removeFromWatchlist(List<MediaItem> items, boolean dryRun) {
        Outcomes out = new Outcomes(items);
        SimklBodies.Body body = new SimklBodies.Body();
        SimklLibrary lib = out.pending().isEmpty() ? null : libraryOrFail(out);
        for (MediaItem item : out.pending()) {
            if (!screen(out, item, Set.of(MediaType.MOVIE, MediaType.SHOW))) {
                continue;
            }
            Optional<SimklLibrary.Row> row = lib.find(item.type(), item.ids());
            if (row.isEmpty()) {
                out.set(item, Outcome.EXISTING, "not in the SIMKL library; nothing to remove");
                continue;
            }
            if (!SimklLibrary.PLANTOWATCH.equals(row.get().status())) {
                out.set(item, Outcome.EXISTING, "no longer on plan to watch (kept in SIMKL's '" + row.get().status()
                        + "' list); nothing removed");
                continue;
            }
            body.add(SimklBodies.bucket(item), SimklBodies.media(item, row.get().ids().merge(item.ids())));
        }
        return post("/sync/history/remove", body, out, dryRun, Outcome.REMOVED);
    }

    /**
     * {@code POST /sync/history} or {@code /sync/history/remove}: films alone, episodes grouped by
     * show and season. Adding checks the library first: a film in SIMKL's dropped list stays
     * there (nothing is sent), and episodes of a show on hold or dropped carry that status so
     * SIMKL does not move the show to watching.
     */
    private WriteResult history(String path, List<MediaItem> items, boolean dryRun, boolean adding) {
        Outcomes out = new Outcomes(items);
        SimklBodies.Body body = new SimklBodies.Body();
        SimklLibrary lib = adding && !out.pending().isEmpty() ? libraryOrFail(out) : null;
        for (MediaItem item : out.pending()) {
            if (!screen(out, item, Set.of(MediaType.MOVIE, MediaType.EPISODE))) {
                continue;
            }
            if (item.type() == MediaType.MOVIE) {
                String status = lib == null ? null : lib.find(MediaType.MOVIE, item.ids()).map(SimklLibrary.Row::status)
                        .orElse(null);
                if (status != null && SHOW_KEPT_STATUSES.contains(status)) {
                    out.set(item, Outcome.EXISTING, "kept in SIMKL's '" + status + "' list; a sync never moves it to completed");
                    continue;
                }
                ObjectNode node = SimklBodies.media(item, item.ids());
                if (adding) {
                    item.watchedAt().ifPresent(at -> node.put("watched_at", at.toString()));
                }
                body.add("movies", node);
            } else {
                String keep = lib == null ? null : lib.find(MediaType.SHOW, item.showIds()).map(SimklLibrary.Row::status)
                        .filter(SHOW_KEPT_STATUSES::contains).orElse(null);
                body.episode(item, adding ? item.watchedAt().orElse(null) : null, keep);
            }
        }
        return post(path, body, out, dryRun, adding ? Outcome.ADDED : Outcome.REMOVED);
    }

    /** {@code POST /sync/ratings} (integer 1–10 with {@code rated_at}) or {@code /sync/ratings/remove}. */
    private WriteResult ratings(String path, List<MediaItem> items, boolean dryRun, boolean adding) {
        Outcomes out = new Outcomes(items);
        SimklBodies.Body body = new SimklBodies.Body();
        for (MediaItem item : List.copyOf(out.pending())) {
            if (!screen(out, item, Set.of(MediaType.MOVIE, MediaType.SHOW))) {
                continue;
            }
            ObjectNode node = SimklBodies.media(item, item.ids());
            if (adding) {
                if (item.rating().isEmpty()) {
                    out.set(item, Outcome.FAILED, "no rating to send");
                    continue;
                }
                node.put("rating", item.rating().get());
                item.ratedAt().ifPresent(at -> node.put("rated_at", at.toString()));
            }
            body.add(SimklBodies.bucket(item), node);
        }
        return post(path, body, out, dryRun, adding ? Outcome.ADDED : Outcome.REMOVED);
    }

    /** Sends one batched write and maps {@code not_found} back to the items; the rest get {@code success}. */
    private WriteResult post(String path, SimklBodies.Body body, Outcomes out, boolean dryRun, Outcome success) {
        if (body.isEmpty()) {
            return out.result(success);
        }
        if (dryRun) {
            return out.result(success);
        }
        JsonNode response;
        try {
            // Every SIMKL sync write sets a state (a list, a watched flag, a rating), so
            // repeating it after a timeout or 5xx cannot double anything.
            response = client.request("POST", path).query(params()).json(body.json()).idempotent().json();
        } catch (CancelledException | AuthException e) {
            throw e;
        } catch (CrossWatchException e) {
            library = null;
            return out.failAll("POST " + path + " failed: " + e.getMessage());
        }
        library = null; // the library changed; a later read must fetch it again
        Map<String, List<MediaIds>> notFound = SimklBodies.notFound(response);
        for (MediaItem item : out.pending()) {
            MediaIds ids = item.type() == MediaType.EPISODE ? item.showIds() : item.ids();
            List<MediaIds> misses = new ArrayList<>(notFound.get(item.type() == MediaType.MOVIE ? "movies" : "shows"));
            misses.addAll(notFound.get("anime"));
            if (misses.stream().anyMatch(m -> SimklBodies.sharesId(m, ids))) {
                out.set(item, Outcome.NOT_FOUND, "SIMKL does not know " + item.describe() + " (ids " + ids + ")");
            }
        }
        return out.result(success);
    }

    /** @return whether the item can be sent; otherwise its outcome is set */
    private static boolean screen(Outcomes out, MediaItem item, Set<MediaType> types) {
        if (!types.contains(item.type())) {
            out.set(item, Outcome.UNSUPPORTED, "SIMKL does not take a " + item.type().key() + " here");
            return false;
        }
        MediaIds ids = item.type() == MediaType.EPISODE ? item.showIds() : item.ids();
        if (!SimklBodies.matchable(ids)) {
            out.set(item, Outcome.NOT_FOUND, "no id SIMKL can match (simkl, imdb, tmdb, tvdb, mal, anidb)");
            return false;
        }
        return true;
    }

    private SimklLibrary libraryOrFail(Outcomes out) {
        try {
            return library();
        } catch (CancelledException | AuthException e) {
            throw e;
        } catch (CrossWatchException | IllegalArgumentException e) {
            out.failAll("checking the SIMKL library before writing failed: " + e.getMessage());
            return SimklLibrary.parse(NullNode.getInstance());
        }
    }

    private static WriteResult unsupported(Feature feature, List<MediaItem> items) {
        List<ItemOutcome> l = new ArrayList<>();
        items.forEach(i -> l.add(new ItemOutcome(i, Outcome.UNSUPPORTED, "simkl does not sync " + feature.key())));
        return new WriteResult(l);
    }

    private Query params() {
        ProviderConfig cfg = context.config();
        return Query.of("client_id", cfg.require(SimklConnector.CLIENT_ID),
                "app-name", cfg.string("appName").orElse("crosswatch"),
                "app-version", cfg.string("appVersion").orElse("0.1"));
    }

    @Override
    public String toString() {
        return "SimklSession[" + client + "]";
    }

    /** Per-item outcomes of one write, in the order the items came. */
    private static final class Outcomes {
        private final List<MediaItem> items;
        private final Map<MediaItem, ItemOutcome> decided = new IdentityHashMap<>();

        Outcomes(List<MediaItem> items) {
            this.items = items;
        }

        void set(MediaItem item, Outcome outcome, String reason) {
            decided.put(item, new ItemOutcome(item, outcome, reason));
        }

        List<MediaItem> pending() {
            List<MediaItem> l = new ArrayList<>();
            for (MediaItem i : items) {
                if (!decided.containsKey(i)) {
                    l.add(i);
                }
            }
            return l;
        }

        WriteResult failAll(String reason) {
            for (MediaItem i : pending()) {
                set(i, Outcome.FAILED, reason);
            }
            return result(Outcome.FAILED);
        }

        WriteResult result(Outcome rest) {
            List<ItemOutcome> l = new ArrayList<>(items.size());
            for (MediaItem i : items) {
                ItemOutcome o = decided.get(i);
                l.add(o != null ? o : new ItemOutcome(i, rest, null));
            }
            return new WriteResult(l);
        }
    }
}
