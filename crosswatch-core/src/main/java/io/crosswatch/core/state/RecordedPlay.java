package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A watched play a scrobble put on a target. The sync engine treats these as present on that
 * target, so a later sync never posts the same play again.
 *
 * @param target     the target endpoint, e.g. {@code trakt}
 * @param key        the item's canonical key ({@code Ids.key})
 * @param item       the item, with the play's time as its watch date
 * @param recordedAt when the target confirmed it
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record RecordedPlay(String target, String key, MediaItem item, Instant recordedAt) {

    /** Validates; the item must carry the play's time. */
    public RecordedPlay {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (Objects.requireNonNull(item, "item").watchedAt().isEmpty()) {
            throw new IllegalArgumentException("a recorded play needs its watch time: " + item.describe());
        }
    }

    /** @return the play's minute bucket (epoch minutes) */
    public long minute() {
        return item.watchedAt().orElseThrow().truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
    }
}
