package io.crosswatch.providers.sync.plex;

import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run against a Plex account and server. Reads the library once per session (every
 * library feature and the rating-key index for writes come from that one pass) and reads it
 * again after a write changed it; watchlist and playlists are read from their own endpoints.
 */
final class PlexSession implements ConnectorSession {

    /** The server-local rating key of an item read here. */
    static final String ATTR_RATING_KEY = "plex.ratingKey";
    /** The machine identifier of the server the rating key belongs to. */
    static final String ATTR_SERVER = "plex.server";
    /** The playlist an item was read from (its rating key). */
    static final String ATTR_PLAYLIST = "plex.playlistId";
    /** The entry id of an item in a playlist (needed to remove it). */
    static final String ATTR_PLAYLIST_ITEM = "plex.playlistItemID";
    /** The Discover rating key (24 hex) of a watchlist item. */
    static final String ATTR_DISCOVER_KEY = "plex.discoverKey";

    static final String LIBRARY_IDENTIFIER = "com.plexapp.plugins.library";
    private static final int WRITE_CONCURRENCY = 4;

    private final ProviderContext context;
    private final ProviderConfig config;
    private final PlexClients clients;
    private final BoundedCalls calls;
    private final PlexPlaylists playlists;
    private final PlexWatchlist watchlist;
    private PlexLibrary.Snapshot snapshot;
    private boolean stale;
    private String machineId;

    PlexSession(ProviderContext context, HttpToolkit toolkit) {
        this.context = context;
        this.config = context.config();
        this.clients = new PlexClients(context, toolkit);
        this.calls = new BoundedCalls(WRITE_CONCURRENCY, context.cancellation());
        this.playlists = new PlexPlaylists(this);
        this.watchlist = new PlexWatchlist(this);
    }

    // ---------------------------------------------------------------- SPI

    @Override
    public ReadResult read(ReadRequest request) {
        context.cancellation().throwIfCancelled();
        try {
            return switch (request.feature()) {
                case WATCHLIST -> watchlist.read();
                case PLAYLISTS -> playlists.read();
                default -> readLibraryFeature(request.feature());
            };
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return ReadResult.failed("reading Plex " + request.feature().key() + " failed: " + e.getMessage());
        }
    }

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, true);
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, false);
    }

    @Override
    public Health health() {
        if (!clients.hasServer()) {
            return new Health(Health.State.UNKNOWN, Duration.ZERO, "no Plex Media Server configured");
        }
        Instant start = context.clock().instant();
        try {
            clients.server().request("GET", "/identity").send();
            return Health.up(Duration.between(start, context.clock().instant()));
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new Health(Health.State.DOWN, Duration.between(start, context.clock().instant()), e.getMessage());
        }
    }

    @Override
    public void close() {
        calls.close();
    }

    @Override
    public String toString() {
        return "PlexSession[" + config.instance() + (clients.hasServer() ? " server=" + config.string(PlexKeys.SERVER_ID)
                .orElse("?") : " no server") + "]";
    }

    // ---------------------------------------------------------------- shared with the feature classes

    ProviderContext context() {
        return context;
    }

    ProviderConfig config() {
        return config;
    }

    PlexClients clients() {
        return clients;
    }

    BoundedCalls calls() {
        return calls;
    }

    /** @return the library, read now if this session has not read it or a write changed it */
    synchronized PlexLibrary.Snapshot snapshot() {
        if (snapshot == null || stale) {
            snapshot = new PlexLibrary(clients.server(), config, context.cancellation()).read();
            stale = false;
        }
        return snapshot;
    }

    /** @return the library index for writes; rating keys do not change with state, so a stale index is fine */
    synchronized LibraryIndex index() {
        return snapshot == null ? snapshot().index() : snapshot.index();
    }

    /**
     * @return the ids of library items by Plex guid, from this session's library read; empty
     *         when the library was not read (the watchlist does not force a library read)
     */
    synchronized java.util.Map<String, io.crosswatch.api.media.MediaIds> libraryIdsByPlexGuid() {
        if (snapshot == null) {
            return java.util.Map.of();
        }
        java.util.Map<String, io.crosswatch.api.media.MediaIds> out = new java.util.HashMap<>();
        for (PlexRow row : snapshot.index().rows()) {
            row.ids().get(io.crosswatch.api.media.MediaIds.PLEX_GUID).ifPresent(g -> out.putIfAbsent(g, row.ids()));
        }
        return out;
    }

    /** Marks the library as changed, so the next read asks the server again. */
    synchronized void changed() {
        stale = true;
    }

    /** @return the server's machine identifier (config {@code serverId}, else {@code GET /identity}) */
    synchronized String machineId() {
        if (machineId == null) {
            machineId = config.string(PlexKeys.SERVER_ID).orElse(null);
            if (machineId == null) {
                String id = clients.server().get("/identity", Query.empty()).path("MediaContainer")
                        .path("machineIdentifier").asText("");
                if (id.isBlank()) {
                    throw new ProviderException("plex", false, "GET /identity returned no machineIdentifier");
                }
                machineId = id;
            }
        }
        return machineId;
    }

    /** @return the configured machine identifier without a request (used to trust rating-key attributes) */
    String knownMachineId() {
        return machineId != null ? machineId : config.string(PlexKeys.SERVER_ID).orElse(null);
    }

    /** @return an item built from a library row, with the rating key and server as attributes */
    MediaItem.Builder itemOf(PlexRow row) {
        return itemOf(row, knownMachineId());
    }

    /**
     * The one mapping of a Plex row to an item, used by sync reads and by the {@link PlexWatcher}
     * alike, so a scrobble of an item carries the same ids and attributes a sync read gives it.
     *
     * @param server the server's machine identifier, or {@code null} when unknown (no attribute then)
     */
    static MediaItem.Builder itemOf(PlexRow row, String server) {
        MediaItem.Builder b = MediaItem.builder(row.type()).ids(row.ids()).title(row.title()).year(row.year())
                .attribute(ATTR_RATING_KEY, row.ratingKey()).attribute(ATTR_SERVER, server);
        if (row.type() == MediaType.EPISODE) {
            b.showIds(row.showIds()).showTitle(row.showTitle())
                    .season(row.season() == null ? 0 : row.season()).episode(row.episode() == null ? 0 : row.episode());
        }
        return b;
    }

    /** @return why a row cannot be synced */
    static String unresolvedReason(PlexRow row) {
        if (row.type() == MediaType.EPISODE && (row.season() == null || row.episode() == null)) {
            return "the Plex episode has no season or episode number";
        }
        return row.ids().isEmpty() ? "no external ids: the Plex item is unmatched (local or personal media); "
                + "match it in Plex (Fix Match) to sync it"
                : "no external ids, only a Plex guid; refresh its metadata in Plex to get IMDb/TMDB/TVDB ids";
    }

    // ---------------------------------------------------------------- library features

    private ReadResult readLibraryFeature(Feature feature) {
        PlexLibrary.Snapshot snap = snapshot();
        List<MediaItem> items = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (PlexRow row : snap.index().rows()) {
            if (!holds(feature, row)) {
                continue;
            }
            MediaItem item = withPayload(feature, itemOf(row), row).build();
            if (row.resolvable()) {
                items.add(item);
            } else {
                unresolved.add(new Unresolved(item, unresolvedReason(row)));
            }
        }
        ReadResult r = snap.complete() ? ReadResult.complete(items)
                : ReadResult.partial(items, String.join("; ", snap.problems()));
        return r.withUnresolved(unresolved);
    }

    private static boolean holds(Feature feature, PlexRow row) {
        boolean playable = row.type() == MediaType.MOVIE || row.type() == MediaType.EPISODE;
        return switch (feature) {
            case HISTORY -> playable && row.viewCount() > 0;
            case RATINGS -> row.userRating() > 0;
            case PROGRESS -> playable && row.viewOffset() > 0;
            default -> false;
        };
    }

    private static MediaItem.Builder withPayload(Feature feature, MediaItem.Builder b, PlexRow row) {
        switch (feature) {
            case HISTORY -> b.watchedAt(row.lastViewedAt());
            case RATINGS -> b.rating(toTen(row.userRating())).ratedAt(row.lastRatedAt());
            case PROGRESS -> {
                Instant at = row.lastViewedAt() != null ? row.lastViewedAt()
                        : row.updatedAt() != null ? row.updatedAt() : Instant.EPOCH;
                b.playback(new Playback(Duration.ofMillis(row.viewOffset()), Duration.ofMillis(row.duration()), at));
            }
            default -> {
            }
        }
        return b;
    }

    /** Plex {@code userRating} 0–10 (half stars allowed) to our whole 1–10. */
    static int toTen(double userRating) {
        return (int) Math.max(1, Math.min(10, Math.round(userRating)));
    }

    // ---------------------------------------------------------------- writes

    private WriteResult write(Feature feature, List<MediaItem> items, boolean dryRun, boolean add) {
        context.cancellation().throwIfCancelled();
        Set<MediaType> accepted = PlexConnector.CAPABILITIES.mediaTypes(feature);
        List<MediaItem> ok = new ArrayList<>();
        List<ItemOutcome> unsupported = new ArrayList<>();
        for (MediaItem i : items) {
            if (accepted.contains(i.type())) {
                ok.add(i);
            } else {
                unsupported.add(new ItemOutcome(i, Outcome.UNSUPPORTED, "Plex " + feature.key() + " does not take "
                        + i.type().key() + " items"));
            }
        }
        WriteResult result;
        if (ok.isEmpty()) {
            result = new WriteResult(List.of());
        } else {
            try {
                result = switch (feature) {
                    case WATCHLIST -> add ? watchlist.add(ok, dryRun) : watchlist.remove(ok, dryRun);
                    case PLAYLISTS -> add ? playlists.add(ok, dryRun) : playlists.remove(ok, dryRun);
                    default -> libraryWrite(feature, ok, dryRun, add);
                };
            } catch (CancelledException e) {
                throw e;
            } catch (CrossWatchException e) {
                result = WriteResult.failed(ok, e.getMessage());
            }
        }
        return result.plus(new WriteResult(unsupported));
    }

    private WriteResult libraryWrite(Feature feature, List<MediaItem> items, boolean dryRun, boolean add) {
        LibraryIndex index = index();
        String server = knownMachineId();
        WriteResult result = calls.run(items, item -> {
            Optional<PlexRow> row = index.find(item, server);
            if (row.isEmpty()) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "not in the Plex library");
            }
            return switch (feature) {
                case HISTORY -> add ? markWatched(index, item, row.get(), dryRun) : markUnwatched(index, item, row.get(), dryRun);
                case RATINGS -> add ? rate(index, item, row.get(), dryRun) : unrate(index, item, row.get(), dryRun);
                case PROGRESS -> add ? setProgress(index, item, row.get(), dryRun) : clearProgress(index, item, row.get(), dryRun);
                default -> throw new IllegalStateException("not a library feature: " + feature);
            };
        });
        if (!dryRun && result.outcomes().stream().anyMatch(o -> o.succeeded() && o.outcome() != Outcome.EXISTING)) {
            changed();
        }
        return result;
    }

    private ItemOutcome markWatched(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (row.viewCount() > 0) {
            return new ItemOutcome(item, Outcome.EXISTING, null);
        }
        if (!dryRun) {
            libraryAction("/:/scrobble", row.ratingKey(), Query.empty());
            index.put(row.withWatched(true, context.clock().instant()));
        }
        return new ItemOutcome(item, Outcome.ADDED, null);
    }

    private ItemOutcome markUnwatched(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (row.viewCount() == 0) {
            return new ItemOutcome(item, Outcome.REMOVED, "was not watched on Plex");
        }
        if (!dryRun) {
            libraryAction("/:/unscrobble", row.ratingKey(), Query.empty());
            index.put(row.withWatched(false, null));
        }
        return new ItemOutcome(item, Outcome.REMOVED, null);
    }

    private ItemOutcome rate(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (item.rating().isEmpty()) {
            return new ItemOutcome(item, Outcome.FAILED, "the item carries no rating to set");
        }
        int rating = item.rating().get();
        boolean rated = row.userRating() > 0;
        if (rated && toTen(row.userRating()) == rating) {
            return new ItemOutcome(item, Outcome.EXISTING, null);
        }
        if (!dryRun) {
            Instant now = context.clock().instant();
            // ratedAt in the future is refused (400), so only a past date is passed on.
            Long ratedAt = item.ratedAt().filter(t -> !t.isAfter(now)).map(Instant::getEpochSecond).orElse(null);
            libraryAction("/:/rate", row.ratingKey(), Query.of("rating", rating).with("ratedAt", ratedAt));
            index.put(row.withRating(rating, item.ratedAt().orElse(now)));
        }
        return new ItemOutcome(item, rated ? Outcome.UPDATED : Outcome.ADDED, null);
    }

    private ItemOutcome unrate(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (row.userRating() <= 0) {
            return new ItemOutcome(item, Outcome.REMOVED, "was not rated on Plex");
        }
        if (!dryRun) {
            libraryAction("/:/rate", row.ratingKey(), Query.of("rating", -1));
            index.put(row.withRating(0, null));
        }
        return new ItemOutcome(item, Outcome.REMOVED, null);
    }

    private ItemOutcome setProgress(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (item.playback().isEmpty()) {
            return new ItemOutcome(item, Outcome.FAILED, "the item carries no resume point");
        }
        Playback p = item.playback().get();
        long position = p.position().toMillis();
        if (row.viewOffset() > 0 && Math.abs(row.viewOffset() - position) < 1000) {
            return new ItemOutcome(item, Outcome.EXISTING, null);
        }
        long duration = p.duration().isZero() ? row.duration() : p.duration().toMillis();
        if (!dryRun) {
            clients.server().request("POST", "/:/timeline").idempotent()
                    .query(Query.of("ratingKey", row.ratingKey(), "key", "/library/metadata/" + row.ratingKey(),
                            "identifier", LIBRARY_IDENTIFIER, "state", "stopped", "time", position)
                            .with("duration", duration > 0 ? duration : null))
                    .send();
            index.put(row.withOffset(position, duration));
        }
        return new ItemOutcome(item, row.viewOffset() > 0 ? Outcome.UPDATED : Outcome.ADDED, null);
    }

    private ItemOutcome clearProgress(LibraryIndex index, MediaItem item, PlexRow row, boolean dryRun) {
        if (row.viewOffset() == 0) {
            return new ItemOutcome(item, Outcome.REMOVED, "had no resume point on Plex");
        }
        if (row.viewCount() > 0) {
            // /:/progress with time=0 does not clear; unscrobbling would also drop the watched state.
            return new ItemOutcome(item, Outcome.FAILED, "Plex cannot clear the resume point of a watched item "
                    + "without marking it unwatched");
        }
        if (!dryRun) {
            libraryAction("/:/unscrobble", row.ratingKey(), Query.empty());
            index.put(row.withWatched(false, null));
        }
        return new ItemOutcome(item, Outcome.REMOVED, null);
    }

    private void libraryAction(String path, String ratingKey, Query extra) {
        clients.server().request("PUT", path)
                .query(Query.of("key", ratingKey, "identifier", LIBRARY_IDENTIFIER).and(extra)).send();
    }
}
