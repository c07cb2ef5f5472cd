package io.crosswatch.providers.sync.mdblist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One run against MDBList: reads with paging, batched writes, the daily-limit bookkeeping. */
final class MdblistSession implements ConnectorSession {

    private static final System.Logger LOG = System.getLogger(MdblistSession.class.getName());

    private final ServiceClient client;
    private final ProviderContext context;
    private final int pageSize;
    private final long lowBudget;
    private List<UserList> lists;
    private RateLimitedException limitReached;
    private boolean budgetWarned;

    MdblistSession(ServiceClient client, ProviderContext context, int pageSize, long lowBudget) {
        this.client = client;
        this.context = context;
        this.pageSize = pageSize;
        this.lowBudget = lowBudget;
    }

    // ------------------------------------------------------------------------------- reads

    @Override
    public ReadResult read(ReadRequest request) {
        Feature feature = request.feature();
        context.cancellation().throwIfCancelled();
        if (limitReached != null) {
            return ReadResult.failed(limitMessage());
        }
        try {
            List<MediaItem> items = new ArrayList<>();
            List<Unresolved> unresolved = new ArrayList<>();
            switch (feature) {
                case WATCHLIST -> readMedia("/watchlist/items", null, null, items, unresolved);
                case RATINGS -> readRatings(items, unresolved);
                case PLAYLISTS -> {
                    for (UserList list : lists()) {
                        readMedia("/lists/" + list.id() + "/items", list.name(), list.id(), items, unresolved);
                    }
                }
                default -> {
                    return ReadResult.failed("MDBList does not sync " + feature.key());
                }
            }
            context.cancellation().throwIfCancelled();
            return ReadResult.complete(items).withUnresolved(unresolved);
        } catch (RateLimitedException e) {
            return ReadResult.failed(limitReached(e));
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            return ReadResult.failed("reading the MDBList " + feature.key() + " failed: " + e.getMessage());
        }
    }

    private void readMedia(String path, String list, String listId, List<MediaItem> items, List<Unresolved> unresolved) {
        pages(path, query().with("unified", "true"), MdblistItems::mediaRows).forEachRemaining(row -> {
            MdblistItems.Parsed p = MdblistItems.mediaRow(row, list, listId);
            if (p.problem().isPresent()) {
                unresolved.add(p.asUnresolved());
            } else {
                items.add(p.item());
            }
        });
    }

    private void readRatings(List<MediaItem> items, List<Unresolved> unresolved) {
        pages("/sync/ratings", query(), MdblistItems::ratingRows).forEachRemaining(row -> {
            for (MdblistItems.Parsed p : MdblistItems.ratingRow(row)) {
                if (p.problem().isPresent()) {
                    unresolved.add(p.asUnresolved());
                } else {
                    items.add(p.item());
                }
            }
        });
    }

    private java.util.Iterator<JsonNode> pages(String path, Query query, Function<JsonNode, List<JsonNode>> rows) {
        return Paging.offset(client, path, query, pageSize, rows,
                body -> MdblistItems.hasMore(body, pageSize));
    }

    /** The user's lists; dynamic lists are read but never written. */
    private List<UserList> lists() {
        if (lists == null) {
            ServiceResponse r = client.request("GET", "/lists/user").query(query()).send();
            noteBudget(r);
            JsonNode body = r.json();
            JsonNode array = body.isArray() ? body : body.path("lists");
            List<UserList> out = new ArrayList<>();
            for (JsonNode l : array) {
                String id = l.path("id").asText("");
                String name = l.path("name").asText("");
                if (!id.isBlank() && !name.isBlank()) {
                    out.add(new UserList(id, name.strip(), l.path("dynamic").asBoolean(false)));
                }
            }
            lists = List.copyOf(out);
        }
        return lists;
    }

    // ------------------------------------------------------------------------------ writes

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, true);
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, false);
    }

    private WriteResult write(Feature feature, List<MediaItem> items, boolean dryRun, boolean add) {
        context.cancellation().throwIfCancelled();
        // Outcomes keep the order of the items, whichever call answered them.
        ItemOutcome[] outcomes = new ItemOutcome[items.size()];
        Map<String, List<Integer>> batches = new LinkedHashMap<>();
        Outcome success = add ? Outcome.ADDED : Outcome.REMOVED;
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            Optional<String> refusal = refusal(feature, item, add);
            if (refusal.isPresent()) {
                outcomes[i] = new ItemOutcome(item, refusal.get().startsWith("MDBList does not take")
                        ? Outcome.UNSUPPORTED : Outcome.NOT_FOUND, refusal.get());
                continue;
            }
            String path = switch (feature) {
                case WATCHLIST -> add ? "/watchlist/items/add" : "/watchlist/items/remove";
                case RATINGS -> add ? "/sync/ratings" : "/sync/ratings/remove";
                case PLAYLISTS -> "/lists/" + listOf(item).orElseThrow().id() + (add ? "/items/add" : "/items/remove");
                default -> throw new IllegalStateException("unreachable: " + feature);
            };
            batches.computeIfAbsent(path, k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> batch : batches.entrySet()) {
            List<MediaItem> sent = batch.getValue().stream().map(items::get).toList();
            List<ItemOutcome> answered;
            if (dryRun) {
                answered = sent.stream().map(i -> new ItemOutcome(i, success, "dry run")).toList();
            } else if (limitReached != null) {
                answered = sent.stream().map(i -> new ItemOutcome(i, Outcome.LIMIT_REACHED, limitMessage())).toList();
            } else {
                answered = send(feature, batch.getKey(), sent, add);
            }
            for (int k = 0; k < answered.size(); k++) {
                outcomes[batch.getValue().get(k)] = answered.get(k);
            }
        }
        return new WriteResult(List.of(outcomes));
    }

    private Optional<String> refusal(Feature feature, MediaItem item, boolean add) {
        if (!MdblistConnector.CAPABILITIES.mediaTypes(feature).contains(item.type())) {
            return Optional.of("MDBList does not take " + item.type().key() + " items in its " + feature.key());
        }
        if (!MdblistItems.writable(item)) {
            return Optional.of("MDBList writes need an IMDb or TMDB id");
        }
        if (feature == Feature.RATINGS && add && item.rating().isEmpty()) {
            return Optional.of("the item carries no rating to write");
        }
        if (feature == Feature.PLAYLISTS) {
            if (item.list().isEmpty()) {
                return Optional.of("the item names no list");
            }
            Optional<UserList> list = listOf(item);
            if (list.isEmpty()) {
                return Optional.of("no MDBList list named '" + item.list().get() + "'; create it on mdblist.com first");
            }
            if (list.get().dynamic()) {
                return Optional.of("MDBList does not take writes to the dynamic list '" + list.get().name() + "'");
            }
        }
        return Optional.empty();
    }

    private Optional<UserList> listOf(MediaItem item) {
        Optional<String> id = item.attribute(MdblistItems.ATTR_LIST_ID);
        String name = item.list().orElse(null);
        for (UserList l : lists()) {
            if (id.isPresent() ? l.id().equals(id.get()) : l.name().equalsIgnoreCase(name == null ? "" : name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private List<ItemOutcome> send(Feature feature, String path, List<MediaItem> sent, boolean add) {
        ObjectNode body = feature == Feature.RATINGS ? MdblistItems.ratingsBody(sent, add) : MdblistItems.membershipBody(sent);
        try {
            // Set semantics: repeating an add, a remove or a rating upsert changes nothing more.
            ServiceResponse r = client.request("POST", path).query(query()).json(body).idempotent().send();
            noteBudget(r);
            return MdblistOutcomes.of(sent, r.json(), add);
        } catch (RateLimitedException e) {
            String why = limitReached(e);
            return sent.stream().map(i -> new ItemOutcome(i, Outcome.LIMIT_REACHED, why)).toList();
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            String why = "POST " + path.replaceAll("/lists/[^/]+/", "/lists/{id}/") + " failed: " + e.getMessage();
            return sent.stream().map(i -> new ItemOutcome(i, Outcome.FAILED, why)).toList();
        }
    }

    // ------------------------------------------------------------------- probes and limits

    /**
     * {@code GET /sync/last_activities}: {@code watchlisted_at} and {@code rated_at} become the
     * watchlist and ratings tokens; a missing key leaves its feature out, so it is read.
     */
    @Override
    public Optional<Activities> activities() {
        context.cancellation().throwIfCancelled();
        if (limitReached != null) {
            return Optional.empty();
        }
        try {
            ServiceResponse r = client.request("GET", "/sync/last_activities").query(query()).send();
            noteBudget(r);
            JsonNode body = r.json();
            Map<Feature, String> tokens = new EnumMap<>(Feature.class);
            putToken(tokens, Feature.WATCHLIST, body.path("watchlisted_at"));
            putToken(tokens, Feature.RATINGS, body.path("rated_at"));
            return Optional.of(new Activities(tokens));
        } catch (RateLimitedException e) {
            limitReached(e);
            throw e;
        }
    }

    private static void putToken(Map<Feature, String> tokens, Feature f, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            tokens.put(f, value.asText());
        }
    }

    /** {@code GET /user}: UP with the request budget, DEGRADED when it runs low, DOWN when it fails. */
    @Override
    public Health health() {
        Instant start = context.clock().instant();
        try {
            ServiceResponse r = client.request("GET", "/user").query(query()).send();
            Duration latency = Duration.between(start, context.clock().instant());
            JsonNode limits = r.json().path("limits");
            long remaining = r.headerLong("X-RateLimit-Remaining").orElse(-1);
            String budget = (limits.path("api_requests").canConvertToLong()
                    ? limits.path("api_requests").asLong() + " API requests per day" : "daily quota unknown")
                    + (remaining >= 0 ? ", " + remaining + " left" : "");
            noteBudget(r);
            boolean low = remaining >= 0 && remaining < lowBudget;
            return new Health(low ? Health.State.DEGRADED : Health.State.UP, latency,
                    (low ? "few requests left: " : "") + budget);
        } catch (CancelledException e) {
            throw e;
        } catch (io.crosswatch.api.CrossWatchException e) {
            return new Health(Health.State.DOWN, Duration.between(start, context.clock().instant()), e.getMessage());
        }
    }

    private void noteBudget(ServiceResponse r) {
        long remaining = r.headerLong("X-RateLimit-Remaining").orElse(-1);
        if (remaining >= 0 && remaining < lowBudget && !budgetWarned) {
            budgetWarned = true;
            LOG.log(System.Logger.Level.WARNING, "MDBList: only {0} API requests left for this key; the sync stops "
                    + "with 'limit reached' when they run out", remaining);
        }
    }

    private String limitReached(RateLimitedException e) {
        limitReached = e;
        LOG.log(System.Logger.Level.WARNING, "MDBList: {0}", limitMessage());
        return limitMessage();
    }

    private String limitMessage() {
        String wait = limitReached.retryAfter().map(d -> " for about " + humanize(d)).orElse("");
        return "MDBList's request limit for this API key is reached (the daily quota on free accounts); no more MDBList "
                + "calls this run. It asks to wait" + (wait.isEmpty() ? " until the quota resets" : wait)
                + " (" + limitReached.getMessage() + ")";
    }

    private static String humanize(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    private Query query() {
        return Query.of("apikey", client.config().orElseThrow().require(MdblistConnector.API_KEY));
    }

    @Override
    public String toString() {
        return "MdblistSession[" + client + "]";
    }

    /** One of the user's lists. */
    private record UserList(String id, String name, boolean dynamic) {
    }
}
