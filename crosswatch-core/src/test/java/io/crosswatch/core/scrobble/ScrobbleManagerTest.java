package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.testing.LogCapture;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrobbleManagerTest {

    final VirtualTime time = VirtualTime.create();
    final FakeTracker trakt = new FakeTracker("trakt", time.clock());
    final PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(trakt).clock(time.clock())
            .sleeper(time.sleeper()).build();

    static MediaItem movie(int tmdb) {
        return MediaItem.builder(MediaType.MOVIE).id("tmdb", tmdb).title("Movie " + tmdb).build();
    }

    ScrobbleEvent event(ScrobbleEvent.Kind kind, int tmdb, double percent) {
        return new ScrobbleEvent(kind, movie(tmdb), percent, null, time.clock().instant(), "plex", "alice", "Home", "Movies");
    }

    ScrobbleManager manager(Object store, ScrobbleSettings.Builder settings) {
        var b = ScrobbleManager.builder().platform(platform).settings(settings.target(Endpoint.parse("trakt")).build());
        if (store instanceof SqliteStateStore s) {
            b.store(s);
        } else {
            b.store((InMemoryStateStore) store);
        }
        return b.build();
    }

    static ScrobbleResult.Status only(List<ScrobbleResult> r) {
        assertEquals(1, r.size(), r.toString());
        return r.get(0).status();
    }

    @Test
    void stopAtOrPastTheThresholdMarksWatchedBelowItPauses() {
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder());
        assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 79.9))));
        assertEquals(ScrobbleResult.Status.RECORDED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 2, 80))));
        assertEquals(List.of("pause 1", "stop 2"), trakt.calls);

        ScrobbleManager strict = manager(new InMemoryStateStore(), ScrobbleSettings.builder().watchedThreshold(90));
        assertEquals(ScrobbleResult.Status.SENT, only(strict.onEvent(event(ScrobbleEvent.Kind.STOP, 3, 85))));
        assertEquals("pause 3", trakt.calls.get(2));
    }

    @Test
    void playResumePauseAndProgressMapToTheirCalls() {
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder());
        m.onEvent(event(ScrobbleEvent.Kind.PLAY, 1, 0));
        m.onEvent(event(ScrobbleEvent.Kind.PAUSE, 1, 20));
        assertEquals(ScrobbleResult.Status.IGNORED, only(m.onEvent(event(ScrobbleEvent.Kind.PROGRESS, 1, 30))));
        m.onEvent(event(ScrobbleEvent.Kind.RESUME, 1, 20));
        assertEquals(List.of("start 1", "pause 1", "start 1"), trakt.calls);
    }

    @Test
    void filtersAdmitOnlyConfiguredUsersServersAndLibraries() {
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder().users(Set.of("ALICE"))
                .libraries(Set.of("Movies")));
        ScrobbleEvent bob = new ScrobbleEvent(ScrobbleEvent.Kind.PLAY, movie(1), 0, null, time.clock().instant(), "plex",
                "bob", "Home", "Movies");
        ScrobbleEvent noUser = new ScrobbleEvent(ScrobbleEvent.Kind.PLAY, movie(1), 0, null, time.clock().instant(), "plex",
                null, "Home", "Movies");
        ScrobbleEvent kids = new ScrobbleEvent(ScrobbleEvent.Kind.PLAY, movie(1), 0, null, time.clock().instant(), "plex",
                "alice", "Home", "Kids");
        assertEquals(ScrobbleResult.Status.FILTERED, only(m.onEvent(bob)));
        assertEquals(ScrobbleResult.Status.FILTERED, only(m.onEvent(noUser)));
        assertEquals(ScrobbleResult.Status.FILTERED, only(m.onEvent(kids)));
        assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 1, 0))));
        assertEquals(List.of("start 1"), trakt.calls);
    }

    @Test
    void anEventWithoutALibraryPassesTheLibraryFilterWithOneWarningPerSource() {
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder().libraries(Set.of("Movies")));
        try (LogCapture logs = LogCapture.start()) {
            for (int tmdb = 1; tmdb <= 2; tmdb++) {
                ScrobbleEvent unknown = new ScrobbleEvent(ScrobbleEvent.Kind.PLAY, movie(tmdb), 0, null, time.clock().instant(),
                        "jellyfin", "alice", "Jelly", null);
                assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(unknown)), "an unknown library is not another library");
            }
            ScrobbleEvent kids = new ScrobbleEvent(ScrobbleEvent.Kind.PLAY, movie(3), 0, null, time.clock().instant(),
                    "jellyfin", "alice", "Jelly", "Kids");
            assertEquals(ScrobbleResult.Status.FILTERED, only(m.onEvent(kids)));
            assertEquals(1, logs.text().split("names no library", -1).length - 1, logs.text());
            assertTrue(logs.text().contains("WARNING"), logs.text());
        }
        assertEquals(List.of("start 1", "start 2"), trakt.calls);
    }

    @Test
    void repeatedServerEventsWithinTheWindowAreDropped() {
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder().dedupWindow(Duration.ofMinutes(1)));
        assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 1, 0))));
        time.advance(Duration.ofSeconds(20));
        assertEquals(ScrobbleResult.Status.REPEATED, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 1, 0))));
        assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 2, 0))), "another item");
        time.advance(Duration.ofSeconds(50));
        assertEquals(ScrobbleResult.Status.SENT, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 1, 0))), "window passed");
        assertEquals(List.of("start 1", "start 2", "start 1"), trakt.calls);
    }

    @Test
    void aSecondWatchedStopOfOnePlayIsNotSentAgain() {
        // Plex sends media.scrobble at 90 % and media.stop at the end: both are watched stops
        ScrobbleManager m = manager(new InMemoryStateStore(), ScrobbleSettings.builder());
        assertEquals(ScrobbleResult.Status.RECORDED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 90))));
        time.advance(Duration.ofMinutes(3));
        assertEquals(ScrobbleResult.Status.ALREADY_PRESENT, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 100))));
        assertEquals(List.of("stop 1"), trakt.calls);
        assertEquals(1, trakt.history.size());
    }

    @Test
    void aPlayASyncAlreadyWroteIsNotScrobbled() {
        InMemoryStateStore store = new InMemoryStateStore();
        PairSpec pair = PairSpec.builder(Endpoint.parse("plex"), Endpoint.parse("trakt"), SyncMode.ONE_WAY_ADD).name("p").build();
        Instant at = time.clock().instant();
        store.commitBaseline("p", Feature.HISTORY, Side.TARGET,
                new Baseline(List.of(movie(7).toBuilder().id("imdb", "tt0000007").watchedAt(at.minusSeconds(40)).build()), at, null, null));
        ScrobbleManager m = ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(pair))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        List<ScrobbleResult> r = m.onEvent(event(ScrobbleEvent.Kind.STOP, 7, 95));
        assertEquals(ScrobbleResult.Status.ALREADY_PRESENT, only(r));
        assertTrue(r.get(0).detail().contains("pair p"), r.toString());
        assertEquals(List.of(), trakt.calls);
        // a play of the same film an hour later is a new play
        time.advance(Duration.ofHours(1));
        assertEquals(ScrobbleResult.Status.RECORDED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 7, 95))));
    }

    @Test
    void queueSurvivesARestartAndDeliversInOrderWithBackoff(@TempDir Path dir) {
        Path db = dir.resolve("state.db");
        SqliteStateStore store = SqliteStateStore.open(db);
        ScrobbleManager m = manager(store, ScrobbleSettings.builder().retryBase(Duration.ofSeconds(30)));
        trakt.down = true;
        Instant t0 = time.clock().instant();
        assertEquals(ScrobbleResult.Status.QUEUED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 95))));
        assertEquals(Optional.of(t0.plusSeconds(30)), m.nextDue());
        time.advance(Duration.ofSeconds(5));
        assertEquals(ScrobbleResult.Status.FAILED, only(m.onEvent(event(ScrobbleEvent.Kind.PLAY, 2, 0))),
                "a start is never queued");
        assertEquals(ScrobbleResult.Status.QUEUED, only(m.onEvent(event(ScrobbleEvent.Kind.PAUSE, 2, 40))));
        assertEquals(ScrobbleResult.Status.QUEUED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 3, 99))));
        assertEquals(3, m.queuedCount());
        time.advance(Duration.ofSeconds(30));
        assertEquals(List.of(ScrobbleResult.Status.QUEUED), m.deliverDue().stream().map(ScrobbleResult::status).toList(),
                "the head fails again and the rest waits behind it");
        assertEquals(Optional.of(time.clock().instant().plusSeconds(60)), m.nextDue(), "backoff doubled");
        store.close();

        // restart: a new store on the same file and a new manager
        SqliteStateStore reopened = SqliteStateStore.open(db);
        ScrobbleManager again = manager(reopened, ScrobbleSettings.builder().retryBase(Duration.ofSeconds(30)));
        assertEquals(3, again.queuedCount());
        trakt.down = false;
        assertEquals(List.of(), again.deliverDue(), "not due yet");
        time.advance(Duration.ofSeconds(60));
        List<ScrobbleResult> r = again.deliverDue();
        assertEquals(List.of(ScrobbleResult.Status.RECORDED, ScrobbleResult.Status.SENT, ScrobbleResult.Status.RECORDED),
                r.stream().map(ScrobbleResult::status).toList());
        assertEquals(List.of("stop 1", "pause 2", "stop 3"), trakt.calls, "delivered in order");
        assertEquals(0, again.queuedCount());
        assertEquals(2, reopened.recordedPlays("trakt").size());
        assertEquals(t0, reopened.recordedPlays("trakt").get(0).item().watchedAt().orElseThrow(), "recorded at the event's time");
        reopened.close();
    }

    @Test
    void aLateStopIsRecordedWithItsOwnTimeAndRateLimitsWaitForRetryAfter() {
        InMemoryStateStore store = new InMemoryStateStore();
        ScrobbleManager m = manager(store, ScrobbleSettings.builder().lateAfter(Duration.ofMinutes(10)));
        trakt.rateLimited = 1;
        Instant t0 = time.clock().instant();
        assertEquals(ScrobbleResult.Status.QUEUED, only(m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 95))));
        assertEquals(Optional.of(t0.plus(Duration.ofMinutes(5))), m.nextDue(), "retry-after beats the 30 s base");
        time.advance(Duration.ofMinutes(20));
        assertEquals(ScrobbleResult.Status.RECORDED, only(m.deliverDue()));
        assertEquals(List.of("record 1"), trakt.calls);
        assertEquals(t0, trakt.history.get(0).watchedAt().orElseThrow());
    }

    @Test
    void flushTriesEverythingOnceAndKeepsWhatFails() {
        InMemoryStateStore store = new InMemoryStateStore();
        ScrobbleManager m = manager(store, ScrobbleSettings.builder());
        trakt.down = true;
        m.onEvent(event(ScrobbleEvent.Kind.STOP, 1, 95));
        assertEquals(1, m.flush().size());
        assertEquals(1, m.queuedCount());
        trakt.down = false;
        assertEquals(ScrobbleResult.Status.RECORDED, only(m.flush()), "flush ignores the backoff schedule");
        assertEquals(0, m.queuedCount());
    }

    @Test
    void unknownTargetIsAConfigError() {
        assertThrows(ConfigException.class, () -> ScrobbleManager.builder().platform(platform).store(new InMemoryStateStore())
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("simkl")).build()).build());
    }
}
