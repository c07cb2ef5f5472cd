package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resume points: {@code GET /sync/playback?extended=full} (progress is a percentage; the
 * runtime turns it into a position), {@code DELETE /sync/playback/{id}} by playback id, and,
 * since Trakt has no endpoint that sets progress directly, {@code POST /scrobble/pause} to
 * record one.
 */
final class TraktPlayback {

    /** The attribute holding a resume point's Trakt playback id. */
    static final String PLAYBACK_ID = "traktPlaybackId";

    static final Set<MediaType> TYPES = Set.of(MediaType.MOVIE, MediaType.EPISODE);

    private final ServiceClient client;
    private final TraktBulkWriter writer;
    private List<MediaItem> entries;

    TraktPlayback(ServiceClient client, TraktBulkWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    /**
     * @param unresolved receives entries whose runtime Trakt does not give (no position can be computed)
     * @return the resume points, each with its playback id
     */
    List<MediaItem> read(List<Unresolved> unresolved) {
        List<MediaItem> out = new ArrayList<>();
        Paging.pageCount(client, "/sync/playback", Query.of("extended", "full"), TraktSession.PAGE_LIMIT, JsonNode.class)
                .stream().forEach(entry -> TraktItems.item(entry).ifPresent(b -> {
                    b.attribute(PLAYBACK_ID, entry.path("id").asText(null));
                    long minutes = TraktItems.runtimeMinutes(entry);
                    double percent = Math.max(0, Math.min(100, entry.path("progress").asDouble(0)));
                    var pausedAt = TraktItems.instant(entry, "paused_at");
                    if (minutes <= 0 || pausedAt.isEmpty()) {
                        unresolved.add(new Unresolved(b.build(), "Trakt gives no runtime or pause time for this resume point"));
                        return;
                    }
                    out.add(b.playback(Playback.ofPercent(percent, Duration.ofMinutes(minutes), pausedAt.get())).build());
                }));
        entries = List.copyOf(out);
        return entries;
    }

    WriteResult add(List<MediaItem> items, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            Optional<String> problem = problem(item);
            if (problem.isPresent()) {
                out[i] = new ItemOutcome(item, Outcome.UNSUPPORTED, problem.get());
                continue;
            }
            if (dryRun) {
                out[i] = new ItemOutcome(item, Outcome.ADDED, "dry run");
                continue;
            }
            List<Integer> one = List.of(i);
            if (writer.refuseEarly("/scrobble/pause", one, items, out)) {
                continue;
            }
            try {
                client.request("POST", "/scrobble/pause").json(body(item)).send();
                out[i] = new ItemOutcome(item, Outcome.ADDED, null);
            } catch (ProviderException e) {
                writer.fail("/scrobble/pause", one, items, out, e);
            }
        }
        entries = null;
        return new WriteResult(Arrays.asList(out));
    }

    WriteResult remove(List<MediaItem> items, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            Optional<String> id = item.attribute(PLAYBACK_ID).or(() -> lookUp(item));
            if (id.isEmpty()) {
                out[i] = new ItemOutcome(item, Outcome.NOT_FOUND, "no resume point for it on Trakt");
                continue;
            }
            if (dryRun) {
                out[i] = new ItemOutcome(item, Outcome.REMOVED, "dry run");
                continue;
            }
            List<Integer> one = List.of(i);
            if (writer.refuseEarly("/sync/playback", one, items, out)) {
                continue;
            }
            try {
                ServiceResponse r = client.request("DELETE", "/sync/playback/" + Long.parseLong(id.get())).allowStatus(404).send();
                out[i] = r.status() == 404 ? new ItemOutcome(item, Outcome.NOT_FOUND, "Trakt no longer has this resume point")
                        : new ItemOutcome(item, Outcome.REMOVED, null);
            } catch (ProviderException e) {
                writer.fail("/sync/playback", one, items, out, e);
            }
        }
        entries = null;
        return new WriteResult(Arrays.asList(out));
    }

    private Optional<String> lookUp(MediaItem item) {
        List<MediaItem> known = entries != null ? entries : read(new ArrayList<>());
        return known.stream().filter(e -> TraktItems.same(item, e)).findFirst().flatMap(e -> e.attribute(PLAYBACK_ID));
    }

    private static Optional<String> problem(MediaItem item) {
        if (!TYPES.contains(item.type())) {
            return Optional.of("Trakt keeps resume points of movies and episodes only");
        }
        if (item.playback().isEmpty()) {
            return Optional.of("no resume point to send");
        }
        double percent = item.playback().get().percent();
        if (percent < 0) {
            return Optional.of("Trakt stores progress as a share of the runtime, and the runtime is unknown");
        }
        if (percent < 1) {
            return Optional.of("Trakt ignores progress under 1%");
        }
        if (TraktItems.entry(item).isEmpty()) {
            return Optional.of("no id Trakt can match (trakt, slug, imdb, tmdb, tvdb)");
        }
        return Optional.empty();
    }

    /** A scrobble body: the movie, or the episode through its show (or its own ids), and the percentage. */
    private static ObjectNode body(MediaItem item) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (item.type() == MediaType.MOVIE) {
            body.putObject("movie").set("ids", TraktItems.idsNode(item.ids(), MediaType.MOVIE));
        } else if (!TraktItems.idsNode(item.showIds(), MediaType.SHOW).isEmpty()) {
            body.putObject("show").set("ids", TraktItems.idsNode(item.showIds(), MediaType.SHOW));
            body.putObject("episode").put("season", item.season().orElseThrow()).put("number", item.episode().orElseThrow());
        } else {
            body.putObject("episode").set("ids", TraktItems.idsNode(item.ids(), MediaType.EPISODE));
        }
        double percent = item.playback().orElseThrow().percent();
        body.put("progress", Math.round(percent * 100) / 100.0);
        return body;
    }
}
