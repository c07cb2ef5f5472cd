package io.crosswatch.api.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SyncValuesTest {

    @ParameterizedTest(name = "{0} on {1} steps -> {2}")
    @CsvSource({"7, 5, 8", "6, 5, 6", "1, 5, 2", "10, 5, 10", "5, 5, 6", "3, 10, 3", "9, 5, 10", "1, 3, 3", "5, 3, 7", "9, 3, 10", "2, 20, 2"})
    void ratingScaleQuantizes(int rating, int steps, int expected) {
        assertEquals(expected, new RatingScale(steps).quantize(rating));
    }

    @Test
    void endpointParses() {
        assertEquals(new Endpoint("trakt", "default"), Endpoint.parse("trakt"));
        assertEquals("trakt:work", Endpoint.parse("trakt:work").toString());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(" "));
    }

    @Test
    void failedReadCarriesNoItems() {
        MediaItem m = MediaItem.builder(MediaType.MOVIE).title("x").build();
        assertThrows(IllegalArgumentException.class,
                () -> new ReadResult(Completeness.FAILED, List.of(m), List.of(), null, "boom"));
        assertEquals("boom", ReadResult.failed("boom").reason().orElseThrow());
    }

    @Test
    void resultStatusIsTheWorstFeature() {
        SyncResult r = SyncResult.builder("r1", "p", Instant.EPOCH)
                .feature(new FeatureOutcome(Feature.WATCHLIST, SyncStatus.SUCCESS, null, null, 0, 0, null))
                .feature(new FeatureOutcome(Feature.HISTORY, SyncStatus.PARTIAL, new FeatureOutcome.Counts(2, 0, 0),
                        null, 1, 0, List.of("x")))
                .build();
        assertEquals(SyncStatus.PARTIAL, r.status());
        assertEquals(2, r.totalToTarget().added());
        assertEquals(SyncStatus.SKIPPED, SyncResult.builder("r2", "p", Instant.EPOCH).build().status());
    }

    @Test
    void writeResultCounts() {
        MediaItem m = MediaItem.builder(MediaType.MOVIE).title("x").build();
        WriteResult w = WriteResult.all(List.of(m, m), WriteResult.Outcome.ADDED)
                .plus(WriteResult.failed(List.of(m), "503"));
        assertEquals(2, w.count(WriteResult.Outcome.ADDED));
        assertEquals(1, w.count(WriteResult.Outcome.FAILED));
    }
}
