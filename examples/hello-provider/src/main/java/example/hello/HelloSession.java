package example.hello;

import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's view of the watchlist. Service failures never pass for data: a read that fails is
 * {@link io.crosswatch.api.sync.Completeness#FAILED}, and a write stops calling the service at
 * its first failure and reports the rest as failed.
 */
final class HelloSession implements ConnectorSession {

    private final HelloClient client;
    private final Clock clock;

    HelloSession(HelloClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public ReadResult read(ReadRequest request) {
        if (request.feature() != Feature.WATCHLIST) {
            return ReadResult.failed("Hello Watchlist has no " + request.feature());
        }
        List<Unresolved> unresolved = new ArrayList<>();
        List<MediaItem> items;
        try {
            items = fetchWatchlist(unresolved);
        } catch (ProviderException e) {
            return ReadResult.failed(e.getMessage()); // an AuthException or CancelledException propagates
        }
        return ReadResult.complete(items).withUnresolved(unresolved);
    }

    /** A dry run reads the watchlist once so it can answer EXISTING truthfully; it never posts. */
    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        List<MediaItem> current = List.of();
        String failure = null;
        if (dryRun) {
            try {
                current = fetchWatchlist(new ArrayList<>());
            } catch (ProviderException e) {
                failure = e.getMessage();
            }
        }
        List<ItemOutcome> out = new ArrayList<>();
        for (MediaItem item : items) {
            if (feature != Feature.WATCHLIST || !WatchlistEntries.takes(item.type())) {
                out.add(new ItemOutcome(item, Outcome.UNSUPPORTED, "Hello Watchlist keeps movies and shows only"));
            } else if (!WatchlistEntries.storable(item)) {
                out.add(new ItemOutcome(item, Outcome.FAILED, "no imdb, tmdb or tvdb id to store"));
            } else if (failure != null) {
                out.add(new ItemOutcome(item, Outcome.FAILED, failure));
            } else if (dryRun) {
                out.add(new ItemOutcome(item, contains(current, item) ? Outcome.EXISTING : Outcome.ADDED, null));
            } else {
                try {
                    HelloClient.Response r = client.send("POST", "/watchlist", WatchlistEntries.toEntry(item));
                    if (r.status() == 201 || r.status() == 200) {
                        out.add(new ItemOutcome(item, r.status() == 201 ? Outcome.ADDED : Outcome.EXISTING, null));
                    } else {
                        out.add(new ItemOutcome(item, Outcome.FAILED, "the service answered HTTP " + r.status()));
                    }
                } catch (ProviderException e) {
                    failure = e.getMessage();
                    out.add(new ItemOutcome(item, Outcome.FAILED, failure));
                }
            }
        }
        return new WriteResult(out);
    }

    /**
     * Removes by the service's entry id. Items read from this service carry it as an attribute;
     * others (from the other side of a pair) are looked up in the current watchlist by their
     * external ids. A dry run looks up too, so it reports NOT_FOUND truthfully.
     */
    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        List<MediaItem> current = null;
        List<ItemOutcome> out = new ArrayList<>();
        String failure = null;
        for (MediaItem item : items) {
            if (feature != Feature.WATCHLIST || !WatchlistEntries.takes(item.type())) {
                out.add(new ItemOutcome(item, Outcome.UNSUPPORTED, "Hello Watchlist keeps movies and shows only"));
                continue;
            }
            if (failure != null) {
                out.add(new ItemOutcome(item, Outcome.FAILED, failure));
                continue;
            }
            try {
                Optional<String> id = item.attribute(WatchlistEntries.ENTRY_ID);
                if (id.isEmpty()) {
                    current = current != null ? current : fetchWatchlist(new ArrayList<>());
                    id = current.stream().filter(c -> WatchlistEntries.sameTitle(c, item)).findFirst()
                            .flatMap(c -> c.attribute(WatchlistEntries.ENTRY_ID));
                }
                if (id.isEmpty()) {
                    out.add(new ItemOutcome(item, Outcome.NOT_FOUND, "not on the watchlist"));
                } else if (dryRun) {
                    out.add(new ItemOutcome(item, Outcome.REMOVED, null));
                } else {
                    HelloClient.Response r = client.send("DELETE", "/watchlist/" + id.get(), null);
                    Outcome o = r.status() == 204 || r.status() == 200 ? Outcome.REMOVED
                            : r.status() == 404 ? Outcome.NOT_FOUND : Outcome.FAILED;
                    out.add(new ItemOutcome(item, o, o == Outcome.FAILED ? "the service answered HTTP " + r.status() : null));
                }
            } catch (ProviderException e) {
                failure = e.getMessage();
                out.add(new ItemOutcome(item, Outcome.FAILED, failure));
            }
        }
        return new WriteResult(out);
    }

    @Override
    public Health health() {
        Instant start = clock.instant();
        try {
            HelloClient.Response r = client.send("GET", "/me", null);
            Duration took = Duration.between(start, clock.instant());
            return r.status() == 200 ? Health.up(took)
                    : new Health(Health.State.DEGRADED, took, "GET /me answered HTTP " + r.status());
        } catch (ProviderException e) {
            return new Health(Health.State.DOWN, Duration.ZERO, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "HelloSession[" + client + "]";
    }

    private static boolean contains(List<MediaItem> watchlist, MediaItem item) {
        return watchlist.stream().anyMatch(c -> WatchlistEntries.sameTitle(c, item));
    }

    /** Reads {@code GET /watchlist}; entries without an id to match by go to {@code unresolved}. */
    private List<MediaItem> fetchWatchlist(List<Unresolved> unresolved) {
        HelloClient.Response r = client.send("GET", "/watchlist", null);
        if (r.status() != 200) {
            throw client.unexpected("GET", "/watchlist", r);
        }
        if (!(client.json("GET", "/watchlist", r) instanceof List<?> entries)) {
            throw new ProviderException(HelloClient.NAME, false, "GET /watchlist did not answer a JSON array");
        }
        List<MediaItem> items = new ArrayList<>();
        for (Object e : entries) {
            // Entry types this connector does not know (the service may grow) are left out.
            Optional<MediaItem> item = e instanceof Map<?, ?> m ? WatchlistEntries.toItem(m) : Optional.empty();
            if (item.isPresent() && item.get().ids().isEmpty()) {
                unresolved.add(new Unresolved(item.get(), "no imdb, tmdb or tvdb id to match it by"));
            } else {
                item.ifPresent(items::add);
            }
        }
        return items;
    }
}
