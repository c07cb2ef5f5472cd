package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.state.RecordedPlay;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.state.SyncStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property the whole scrobble design exists for: whatever the interleaving of playback
 * webhooks (repeated, late, during outages) and sync runs of the same server → tracker pair
 * sharing one state database, every real play ends up on the tracker exactly once.
 */
class ExactlyOncePlaysTest {

    static final Duration WINDOW = Duration.ofMinutes(10);

    @Test
    void aRecordedScrobbleIsPresentForTheSyncEngine() {
        VirtualTime time = VirtualTime.create();
        FakeTracker server = new FakeTracker("server", time.clock());
        FakeTracker trakt = new FakeTracker("trakt", time.clock());
        InMemoryStateStore store = new InMemoryStateStore();
        Instant at = time.clock().instant();
        server.history.add(ScrobbleManagerTest.movie(5).toBuilder().watchedAt(at).build());
        // the tracker stamped the scrobble 3 minutes late: its own entry would not match the server's minute
        trakt.history.add(ScrobbleManagerTest.movie(5).toBuilder().watchedAt(at.plusSeconds(180)).build());
        store.recordPlay(new RecordedPlay("trakt", "movie:tmdb:5", ScrobbleManagerTest.movie(5).toBuilder().watchedAt(at).build(), at));
        SyncResult r = sync(server, trakt, store, time);
        assertEquals(0, r.features().get(Feature.HISTORY).toTarget().added(), r.toString());
        assertEquals(1, trakt.history.size());

        // without the record the engine would post the server's play again: the control case
        InMemoryStateStore fresh = new InMemoryStateStore();
        sync(server, trakt, fresh, time);
        assertEquals(2, trakt.history.size());
    }

    @Test
    void aWebhookArrivingInTheMiddleOfASyncRunIsHeldAndThenRecognised() {
        assertEquals(1, midSyncWebhook(true), "held: one play");
        assertEquals(2, midSyncWebhook(false), "control: without the hold the same play lands twice");
    }

    private static int midSyncWebhook(boolean hold) {
        VirtualTime time = VirtualTime.create();
        FakeTracker server = new FakeTracker("server", time.clock());
        FakeTracker trakt = new FakeTracker("trakt", time.clock());
        InMemoryStateStore store = new InMemoryStateStore();
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(trakt).clock(time.clock())
                .sleeper(time.sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(pair()))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        MediaItem play = ScrobbleManagerTest.movie(9).toBuilder().watchedAt(time.clock().instant()).build();
        server.history.add(play);
        time.advance(Duration.ofSeconds(20));
        // the webhook is handled after the sync planned and before it posts
        trakt.beforeSyncWrite = () -> manager.onEvent(stop(play, time.clock().instant(), 95));
        manager.holdWatchedStops(hold);
        sync(server, trakt, store, time);
        manager.holdWatchedStops(false);
        manager.deliverDue();
        return trakt.history.size();
    }

    static SyncResult sync(FakeTracker server, FakeTracker trakt, SyncStateStore store, VirtualTime time) {
        return new GenericSyncModule().runSync(SyncContext.builder(pair()).source(server.manifest(), server)
                .target(trakt.manifest(), trakt).state(store).clock(time.clock()).sleeper(time.sleeper()).build());
    }

    static PairSpec pair() {
        return PairSpec.builder(Endpoint.parse("server"), Endpoint.parse("trakt"), SyncMode.ONE_WAY_ADD).name("server-trakt")
                .feature(Feature.HISTORY, FeatureOptions.ALL).build();
    }

    @Test
    void randomInterleavingsOfScrobblesAndSyncsRecordEachPlayOnce() {
        for (long seed = 1; seed <= 60; seed++) {
            runScenario(seed, new InMemoryStateStore());
        }
    }

    @Test
    void theSameHoldsOnTheSqliteStore(@TempDir Path dir) {
        for (long seed = 100; seed < 104; seed++) {
            try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("s" + seed + ".db"))) {
                runScenario(seed, store);
            }
        }
    }

    /** A timed step of a scenario. */
    private record Step(Instant at, int order, Runnable action) {
    }

    private static <S extends SyncStateStore & io.crosswatch.core.state.ScrobbleStore> void runScenario(long seed, S store) {
        Random rnd = new Random(seed);
        VirtualTime time = VirtualTime.create();
        FakeTracker server = new FakeTracker("server", time.clock());
        FakeTracker trakt = new FakeTracker("trakt", time.clock());
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(trakt).clock(time.clock())
                .sleeper(time.sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(pair()))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).playWindow(WINDOW).build()).build();

        Instant start = time.clock().instant();
        List<Step> steps = new ArrayList<>();
        List<MediaItem> real = new ArrayList<>();
        Instant t = start;
        int plays = 2 + rnd.nextInt(6);
        for (int i = 0; i < plays; i++) {
            t = t.plus(Duration.ofMinutes(70 + rnd.nextInt(120)));
            MediaItem play = ScrobbleManagerTest.movie(1 + rnd.nextInt(3)).toBuilder().watchedAt(t).build();
            real.add(play);
            Instant playedAt = t;
            steps.add(new Step(t, 0, () -> server.history.add(play)));
            if (rnd.nextInt(8) != 0) { // sometimes the webhook never arrives; the sync must still post the play
                Instant occurred = t.plusSeconds(rnd.nextInt(30));
                Instant arrives = occurred.plusSeconds(rnd.nextInt(120));
                steps.add(new Step(arrives, 1, () -> manager.onEvent(stop(play, occurred, 90 + rnd.nextInt(6)))));
                if (rnd.nextBoolean()) { // Plex: media.scrobble at 90 %, then media.stop at the end
                    Instant later = arrives.plusSeconds(60 + rnd.nextInt(300));
                    steps.add(new Step(later, 1, () -> manager.onEvent(stop(play, later, 100))));
                }
            }
            if (rnd.nextInt(3) == 0) {
                Instant down = playedAt.minusSeconds(rnd.nextInt(600));
                Instant up = playedAt.plusSeconds(rnd.nextInt(7200));
                steps.add(new Step(down, 2, () -> trakt.down = true));
                steps.add(new Step(up, 2, () -> trakt.down = false));
            }
        }
        Instant end = t.plus(Duration.ofHours(3));
        int syncs = 1 + rnd.nextInt(6);
        for (int i = 0; i < syncs; i++) {
            Instant when = start.plusSeconds((long) (rnd.nextDouble() * Duration.between(start, end).getSeconds()));
            steps.add(new Step(when, 3, () -> sync(server, trakt, store, time)));
        }
        for (Instant d = start; d.isBefore(end); d = d.plus(Duration.ofMinutes(1 + rnd.nextInt(20)))) {
            steps.add(new Step(d, 4, manager::deliverDue));
        }
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
        for (Step s : steps) {
            if (s.at().isAfter(time.clock().instant())) {
                time.advance(Duration.between(time.clock().instant(), s.at()));
            }
            s.action().run();
        }
        trakt.down = false;
        time.advance(Duration.ofHours(2));
        manager.deliverDue();
        sync(server, trakt, store, time);
        manager.flush();
        sync(server, trakt, store, time);

        for (MediaItem play : real) {
            String tmdb = play.ids().tmdb().orElseThrow();
            assertEquals(1, trakt.plays(tmdb, play.watchedAt().orElseThrow(), WINDOW),
                    "seed " + seed + ": play of " + tmdb + " at " + play.watchedAt().get() + "; tracker has " + trakt.history
                            + "; calls " + trakt.calls);
        }
        assertEquals(real.size(), trakt.history.size(), "seed " + seed + ": no extra plays; " + trakt.history);
        assertEquals(0, manager.queuedCount(), "seed " + seed);
    }

    static ScrobbleEvent stop(MediaItem play, Instant at, double percent) {
        MediaItem bare = play.toBuilder().watchedAt(null).build();
        return new ScrobbleEvent(ScrobbleEvent.Kind.STOP, bare, percent, null, at, "plex", "alice", "Home", "Movies");
    }
}
