package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
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
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run against one Trakt account. Reads always page ({@code page} and {@code limit} =
 * {@value #PAGE_LIMIT}, following {@code X-Pagination-Page-Count}); writes go out in batches
 * through {@link TraktBulkWriter}.
 */
final class TraktSession implements ConnectorSession {

    /** Items per page: Trakt's maximum (larger values are silently clamped). */
    static final int PAGE_LIMIT = 250;

    static final Set<MediaType> WATCHLIST_TYPES = Set.of(MediaType.MOVIE, MediaType.SHOW);
    static final Set<MediaType> RATING_TYPES = Set.of(MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE);

    private final ServiceClient client;
    private final TraktBulkWriter writer;
    private final TraktHistory history;
    private final TraktPlayback playback;
    private final TraktLists lists;

    TraktSession(ServiceClient client) {
        this.client = client;
        this.writer = new TraktBulkWriter(client);
        this.history = new TraktHistory(client, writer);
        this.playback = new TraktPlayback(client, writer);
        this.lists = new TraktLists(client, writer);
    }

    @Override
    public ReadResult read(ReadRequest request) {
        List<Unresolved> unresolved = new ArrayList<>();
        try {
            List<MediaItem> items = switch (request.feature()) {
                case WATCHLIST -> {
                    List<MediaItem> out = new ArrayList<>(plain("/sync/watchlist/movies"));
                    out.addAll(plain("/sync/watchlist/shows"));
                    yield out;
                }
                case RATINGS -> ratings();
                case HISTORY -> history.read();
                case PROGRESS -> playback.read(unresolved);
                case PLAYLISTS -> lists.read();
            };
            return ReadResult.complete(items).withUnresolved(unresolved);
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return ReadResult.failed("reading " + request.feature().key() + " from Trakt failed: " + e.getMessage());
        }
    }

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return switch (feature) {
            case WATCHLIST -> writer.write("/sync/watchlist", items, WATCHLIST_TYPES, TraktBulkWriter.Payload.NONE, false, dryRun);
            case RATINGS -> writer.write("/sync/ratings", items, RATING_TYPES, TraktSession::rating, false, dryRun);
            case HISTORY -> history.add(items, dryRun);
            case PROGRESS -> playback.add(items, dryRun);
            case PLAYLISTS -> lists.add(items, dryRun);
        };
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return switch (feature) {
            case WATCHLIST -> writer.write("/sync/watchlist/remove", items, WATCHLIST_TYPES, TraktBulkWriter.Payload.NONE,
                    true, dryRun);
            case RATINGS -> writer.write("/sync/ratings/remove", items, RATING_TYPES, TraktBulkWriter.Payload.NONE, true, dryRun);
            case HISTORY -> history.remove(items, dryRun);
            case PROGRESS -> playback.remove(items, dryRun);
            case PLAYLISTS -> lists.remove(items, dryRun);
        };
    }

    /** One request: {@code GET /sync/last_activities}. */
    @Override
    public Optional<Activities> activities() {
        return Optional.of(TraktActivities.parse(client.request("GET", "/sync/last_activities").json()));
    }

    @Override
    public Health health() {
        long started = System.nanoTime();
        try {
            client.request("GET", "/sync/last_activities").send();
            return Health.up(Duration.ofNanos(System.nanoTime() - started));
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new Health(Health.State.DOWN, Duration.ofNanos(System.nanoTime() - started), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TraktSession[" + client + "]";
    }

    private List<MediaItem> plain(String path) {
        List<MediaItem> out = new ArrayList<>();
        Paging.pageCount(client, path, Query.empty(), PAGE_LIMIT, JsonNode.class).stream()
                .forEach(entry -> TraktItems.item(entry).ifPresent(b -> out.add(b.build())));
        return out;
    }

    private List<MediaItem> ratings() {
        List<MediaItem> out = new ArrayList<>();
        Paging.pageCount(client, "/sync/ratings/all", Query.empty(), PAGE_LIMIT, JsonNode.class).stream()
                .forEach(entry -> TraktItems.item(entry).ifPresent(b -> {
                    int rating = entry.path("rating").asInt(0);
                    if (rating >= 1 && rating <= 10) {
                        out.add(b.rating(rating).ratedAt(TraktItems.instant(entry, "rated_at").orElse(null)).build());
                    }
                }));
        return out;
    }

    private static Optional<String> rating(MediaItem item, com.fasterxml.jackson.databind.node.ObjectNode leaf) {
        if (item.rating().isEmpty()) {
            return Optional.of("no rating to send");
        }
        leaf.put("rating", item.rating().get());
        item.ratedAt().ifPresent(t -> leaf.put("rated_at", TraktItems.timestamp(t)));
        return Optional.empty();
    }
}
