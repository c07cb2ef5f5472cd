package io.crosswatch.providers.sync.anilist;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run against AniList. The user's whole anime list is read once (in chunks) and kept for
 * the session, so watchlist, history and ratings cost one collection read together, and writes
 * know each entry's status: CURRENT, PAUSED and DROPPED entries are never turned back into
 * PLANNING by a watchlist sync. Writes of one batch go out as one aliased GraphQL mutation.
 */
final class AnilistSession implements ConnectorSession {

    private static final Set<String> WATCHED = Set.of("COMPLETED", "REPEATING");

    private final AnilistGraphQl gql;
    private final ProviderContext context;
    private Long userId;
    private ScoreFormat format;
    private Map<Long, JsonNode> entries;
    private final Map<Long, JsonNode> mediaByMal = new HashMap<>();
    private final Map<Long, JsonNode> mediaById = new HashMap<>();

    AnilistSession(AnilistGraphQl gql, ProviderContext context) {
        this.gql = gql;
        this.context = context;
    }

    // ------------------------------------------------------------------------------- reads

    @Override
    public ReadResult read(ReadRequest request) {
        Feature feature = request.feature();
        context.cancellation().throwIfCancelled();
        try {
            List<MediaItem> items = new ArrayList<>();
            List<Unresolved> unresolved = new ArrayList<>();
            for (JsonNode entry : entries().values()) {
                String status = entry.path("status").asText();
                Optional<MediaItem> item = switch (feature) {
                    case WATCHLIST -> "PLANNING".equals(status) ? Optional.of(AnilistEntries.base(entry)) : Optional.empty();
                    case HISTORY -> watched(status) ? Optional.of(AnilistEntries.history(entry)) : Optional.empty();
                    case RATINGS -> AnilistEntries.rating(entry, format);
                    default -> Optional.empty();
                };
                if (item.isEmpty()) {
                    continue;
                }
                Optional<String> problem = AnilistEntries.unmatchable(item.get());
                if (problem.isPresent()) {
                    unresolved.add(new Unresolved(item.get(), problem.get()));
                } else {
                    items.add(item.get());
                }
            }
            context.cancellation().throwIfCancelled();
            return ReadResult.complete(items).withUnresolved(unresolved);
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            entries = null; // a partial collection must not be used by later calls either
            return ReadResult.failed("reading the AniList anime list failed: " + e.getMessage());
        }
    }

    private static boolean watched(String status) {
        return status != null && WATCHED.contains(status);
    }

    /** The user's entries by media id (custom lists repeat entries; one per media remains). */
    private Map<Long, JsonNode> entries() {
        if (entries == null) {
            long user = viewer();
            Map<Long, JsonNode> out = new LinkedHashMap<>();
            gql.collection(user).forEachRemaining(e -> {
                context.cancellation().throwIfCancelled();
                out.putIfAbsent(e.path("mediaId").asLong(), e);
            });
            entries = out;
        }
        return entries;
    }

    private long viewer() {
        if (userId == null) {
            JsonNode v = gql.query(AnilistGraphQl.VIEWER, Map.of()).path("Viewer");
            if (!v.path("id").canConvertToLong()) {
                throw new ProviderException("anilist", false, "the Viewer query returned no user");
            }
            format = ScoreFormat.of(v.path("mediaListOptions").path("scoreFormat").asText(""));
            userId = v.path("id").asLong();
        }
        return userId;
    }

    /** The user's score format as a scale: 10 steps for 100- and 10-point, 5 for stars, 3 for smileys. */
    @Override
    public Optional<RatingScale> ratingScale() {
        try {
            viewer();
            return Optional.of(format.scale());
        } catch (ProviderException e) {
            return Optional.empty();
        }
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

    /** One planned change: a mutation field (or none), and the outcome when it succeeds. */
    private record Plan(MediaItem item, String field, Outcome outcome, String reason) {
    }

    private WriteResult write(Feature feature, List<MediaItem> items, boolean dryRun, boolean add) {
        context.cancellation().throwIfCancelled();
        List<ItemOutcome> done = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        try {
            resolveMalIds(items);
            if (feature == Feature.HISTORY && add) {
                resolveEpisodeCounts(items);
            }
            for (MediaItem item : items) {
                Plan p = plan(feature, item, add);
                if (p.field() == null) {
                    done.add(new ItemOutcome(item, p.outcome(), p.reason()));
                } else {
                    plans.add(p);
                }
            }
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            return WriteResult.failed(items, "AniList could not be read before writing: " + e.getMessage());
        }
        if (plans.isEmpty()) {
            return new WriteResult(done);
        }
        if (dryRun) {
            plans.forEach(p -> done.add(new ItemOutcome(p.item(), p.outcome(), "dry run")));
            return new WriteResult(done);
        }
        StringBuilder doc = new StringBuilder("mutation {\n");
        for (int i = 0; i < plans.size(); i++) {
            doc.append("  a").append(i).append(": ").append(plans.get(i).field()).append('\n');
        }
        doc.append('}');
        JsonNode answer;
        try {
            answer = gql.mutate(doc.toString());
        } catch (CancelledException e) {
            throw e;
        } catch (ProviderException e) {
            Outcome o = e instanceof io.crosswatch.api.RateLimitedException ? Outcome.LIMIT_REACHED : Outcome.FAILED;
            plans.forEach(p -> done.add(new ItemOutcome(p.item(), o, e.getMessage())));
            return new WriteResult(done);
        }
        Map<String, String> errors = errorsByAlias(answer);
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            String alias = "a" + i;
            JsonNode data = answer.path("data").path(alias);
            if (data.isMissingNode() || data.isNull() || errors.containsKey(alias)) {
                done.add(new ItemOutcome(p.item(), Outcome.FAILED, "AniList refused the change: "
                        + errors.getOrDefault(alias, AnilistGraphQl.firstError(answer) == null ? "no result"
                        : AnilistGraphQl.firstError(answer))));
                continue;
            }
            remember(p, data);
            done.add(new ItemOutcome(p.item(), p.outcome(), p.reason()));
        }
        return new WriteResult(done);
    }

    private Plan plan(Feature feature, MediaItem item, boolean add) {
        if (!AnilistConnector.CAPABILITIES.mediaTypes(feature).contains(item.type())) {
            return new Plan(item, null, Outcome.UNSUPPORTED, "AniList lists hold anime titles, not "
                    + item.type().key() + " items");
        }
        Optional<Long> mediaId = mediaId(item);
        if (mediaId.isEmpty()) {
            return new Plan(item, null, Outcome.NOT_FOUND, item.ids().get(MediaIds.MAL)
                    .map(mal -> "no AniList anime has MyAnimeList id " + mal).orElse("the item has no AniList or MyAnimeList id"));
        }
        long media = mediaId.get();
        JsonNode entry = entries().get(media);
        String status = entry == null ? null : entry.path("status").asText();
        long entryId = entry == null ? 0 : entry.path("id").asLong();
        boolean scored = entry != null && entry.path("score").asDouble(0) > 0;
        switch (feature) {
            case WATCHLIST -> {
                if (add) {
                    if (entry == null) {
                        return new Plan(item, save("mediaId: " + media + ", status: PLANNING"), Outcome.ADDED, null);
                    }
                    return new Plan(item, null, Outcome.EXISTING, "PLANNING".equals(status) ? null
                            : "kept: the anime is on the AniList list as " + status);
                }
                if ("PLANNING".equals(status)) {
                    return new Plan(item, delete(entryId), Outcome.REMOVED, null);
                }
                return new Plan(item, null, Outcome.REMOVED, entry == null ? "not on the AniList list"
                        : "not planned on AniList (" + status + "); left as it is");
            }
            case HISTORY -> {
                if (add) {
                    if (watched(status)) {
                        return new Plan(item, null, Outcome.EXISTING, null);
                    }
                    StringBuilder args = new StringBuilder(entry == null ? "mediaId: " + media : "id: " + entryId)
                            .append(", status: COMPLETED");
                    item.watchedAt().ifPresent(t -> args.append(", completedAt: ").append(AnilistEntries.fuzzyDate(t)));
                    episodes(media, entry).ifPresent(n -> args.append(", progress: ").append(n));
                    return new Plan(item, save(args.toString()), entry == null ? Outcome.ADDED : Outcome.UPDATED, null);
                }
                if (!watched(status)) {
                    return new Plan(item, null, Outcome.REMOVED, "not completed on AniList");
                }
                if (scored) {
                    return new Plan(item, null, Outcome.UNSUPPORTED, "kept: deleting the completed AniList entry would "
                            + "also delete its score");
                }
                return new Plan(item, delete(entryId), Outcome.REMOVED, null);
            }
            case RATINGS -> {
                if (add) {
                    if (item.rating().isEmpty()) {
                        return new Plan(item, null, Outcome.FAILED, "the item carries no rating to write");
                    }
                    int rating = item.rating().get();
                    String score = format.variable() + ": " + number(format.toScore(rating));
                    if (entry == null) {
                        // AniList keeps scores on list entries; a rated title is taken as watched.
                        return new Plan(item, save("mediaId: " + media + ", status: COMPLETED, " + score), Outcome.ADDED, null);
                    }
                    if (format.toRating(entry.path("score").asDouble(0)).equals(format.toRating(format.toUserScore(rating)))) {
                        return new Plan(item, null, Outcome.EXISTING, null);
                    }
                    return new Plan(item, save("id: " + entryId + ", " + score), Outcome.UPDATED, null);
                }
                if (!scored) {
                    return new Plan(item, null, Outcome.REMOVED, "not rated on AniList");
                }
                return new Plan(item, save("id: " + entryId + ", scoreRaw: 0"), Outcome.REMOVED, null);
            }
            default -> {
                return new Plan(item, null, Outcome.UNSUPPORTED, "AniList does not sync " + feature.key());
            }
        }
    }

    private static String save(String args) {
        return "SaveMediaListEntry(" + args + ") " + AnilistGraphQl.ENTRY_FIELDS;
    }

    private static String delete(long entryId) {
        return "DeleteMediaListEntry(id: " + entryId + ") { deleted }";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private Optional<Long> mediaId(MediaItem item) {
        Optional<String> anilist = item.ids().get(MediaIds.ANILIST);
        if (anilist.isPresent()) {
            return Optional.of(Long.parseLong(anilist.get()));
        }
        return item.ids().get(MediaIds.MAL).map(Long::parseLong).map(mediaByMal::get)
                .map(m -> m.path("id").asLong());
    }

    private Optional<Integer> episodes(long media, JsonNode entry) {
        JsonNode m = entry != null ? entry.path("media") : mediaById.get(media);
        return m != null && m.path("episodes").canConvertToInt() && m.path("episodes").asInt() > 0
                ? Optional.of(m.path("episodes").asInt()) : Optional.empty();
    }

    /** Looks up AniList media for items that carry only a MyAnimeList id, 50 per query. */
    private void resolveMalIds(List<MediaItem> items) {
        List<Long> wanted = new ArrayList<>();
        for (MediaItem item : items) {
            if (item.ids().get(MediaIds.ANILIST).isEmpty()) {
                item.ids().get(MediaIds.MAL).map(Long::parseLong).filter(m -> !mediaByMal.containsKey(m))
                        .filter(m -> !wanted.contains(m)).ifPresent(wanted::add);
            }
        }
        for (int from = 0; from < wanted.size(); from += 50) {
            List<Long> ids = wanted.subList(from, Math.min(wanted.size(), from + 50));
            JsonNode media = gql.query(AnilistGraphQl.BY_MAL, Map.of("ids", ids)).path("Page").path("media");
            for (JsonNode m : media) {
                mediaByMal.put(m.path("idMal").asLong(), m);
                mediaById.put(m.path("id").asLong(), m);
            }
        }
    }

    /** Completing a title not yet on the list sets its progress to the episode count, which a lookup gives. */
    private void resolveEpisodeCounts(List<MediaItem> items) {
        List<Long> wanted = new ArrayList<>();
        for (MediaItem item : items) {
            mediaId(item).filter(id -> !entries().containsKey(id) && !mediaById.containsKey(id) && !wanted.contains(id))
                    .ifPresent(wanted::add);
        }
        for (int from = 0; from < wanted.size(); from += 50) {
            List<Long> ids = wanted.subList(from, Math.min(wanted.size(), from + 50));
            for (JsonNode m : gql.query(AnilistGraphQl.BY_ID, Map.of("ids", ids)).path("Page").path("media")) {
                mediaById.put(m.path("id").asLong(), m);
            }
        }
    }

    /** Keeps the session's copy of the list in step with what a mutation did. */
    private void remember(Plan p, JsonNode data) {
        if (data.has("deleted")) {
            entries.values().removeIf(e -> p.field().contains("(id: " + e.path("id").asLong() + ")"));
        } else if (data.path("mediaId").canConvertToLong()) {
            entries.put(data.path("mediaId").asLong(), data);
        }
    }

    private static Map<String, String> errorsByAlias(JsonNode answer) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode e : answer.path("errors")) {
            String alias = e.path("path").path(0).asText("");
            if (!alias.isEmpty()) {
                out.putIfAbsent(alias, e.path("message").asText("unknown error"));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "AnilistSession[" + gql + "]";
    }
}
