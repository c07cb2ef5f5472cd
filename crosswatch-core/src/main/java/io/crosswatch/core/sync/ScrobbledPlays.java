package io.crosswatch.core.sync;

import io.crosswatch.api.media.MediaItem;
import io.crosswatch.core.state.RecordedPlay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's one link to the scrobbler: plays a scrobble recorded on a side are added to that
 * side's history read unless the read already lists them, so planning sees them as present and
 * never posts the play a second time. Matching is by shared id token and the minute of the play
 * (±1, as the planner's event index), or by token alone for a read item without a date (a side
 * that keeps one watched flag per item).
 */
final class ScrobbledPlays {

    private ScrobbledPlays() {
    }

    /**
     * @param plays recorded plays of the side's endpoint
     * @param read  the side's history items as read
     * @return the plays the read does not list, as items to add to it
     */
    static List<MediaItem> missing(List<RecordedPlay> plays, List<MediaItem> read) {
        if (plays.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>();
        plays.forEach(p -> wanted.addAll(Ids.tokens(p.item())));
        // index only the read items that could match, so a large history costs one token pass
        Map<String, List<Long>> minutesByToken = new HashMap<>();
        for (MediaItem item : read) {
            for (String t : Ids.tokens(item)) {
                if (wanted.contains(t)) {
                    minutesByToken.computeIfAbsent(t, k -> new ArrayList<>()).add(minute(item.watchedAt().orElse(null)));
                }
            }
        }
        List<MediaItem> out = new ArrayList<>();
        for (RecordedPlay p : plays) {
            long m = p.minute();
            boolean listed = false;
            for (String t : Ids.tokens(p.item())) {
                for (long rm : minutesByToken.getOrDefault(t, List.of())) {
                    if (rm == Long.MIN_VALUE || Math.abs(rm - m) <= 1) {
                        listed = true;
                        break;
                    }
                }
                if (listed) {
                    break;
                }
            }
            if (!listed) {
                out.add(p.item());
            }
        }
        return out;
    }

    private static long minute(Instant t) {
        return t == null ? Long.MIN_VALUE : Math.floorDiv(t.getEpochSecond(), 60);
    }
}
