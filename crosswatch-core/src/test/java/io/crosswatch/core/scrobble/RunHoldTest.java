package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunListener;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.internal.orchestrator.RunLock;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.core.sync.LockedRunMain;
import io.crosswatch.testkit.VirtualTime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watched stops wait while a sync may be posting the same play: during the runs of an attached
 * orchestrator (no call needed from the embedder), while a run in another thread holds the run
 * lock, and while a sync in another process does; afterwards each is delivered once or
 * recognised as already present.
 */
class RunHoldTest {

    @TempDir
    Path dir;

    final VirtualTime time = VirtualTime.create();
    final FakeTracker server = new FakeTracker("server", time.clock());
    final FakeTracker trakt = new FakeTracker("trakt", time.clock());
    final InMemoryStateStore store = new InMemoryStateStore();
    final PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(server).register(trakt)
            .clock(time.clock()).sleeper(time.sleeper()).build();

    Orchestrator orchestrator(Path lockFile) {
        return Orchestrator.builder().platform(platform).stateStore(store).fallback(new GenericSyncModule())
                .pairs(List.of(ExactlyOncePlaysTest.pair())).lockFile(lockFile).clock(time.clock()).sleeper(time.sleeper()).build();
    }

    ScrobbleManager.Builder manager() {
        return ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(ExactlyOncePlaysTest.pair()))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build());
    }

    MediaItem played() {
        MediaItem play = ScrobbleManagerTest.movie(7).toBuilder().watchedAt(time.clock().instant()).build();
        server.history.add(play);
        time.advance(Duration.ofSeconds(30));
        return play;
    }

    /** The webhook arrives after the run planned and before it posts: the worst moment. */
    private int midRunWebhook(boolean attach) {
        Orchestrator o = orchestrator(null); // no lock file: only the in-process hook can hold
        o.addRunListener(new RunListener() {
            @Override
            public void runStarted() {
                throw new IllegalStateException("a broken listener never fails the run");
            }
        });
        ScrobbleManager manager = attach ? manager().orchestrator(o).build() : manager().build();
        MediaItem play = played();
        List<ScrobbleResult> during = new ArrayList<>();
        trakt.beforeSyncWrite = () -> during.addAll(manager.onEvent(ExactlyOncePlaysTest.stop(play, time.clock().instant(), 95)));
        RunReport r = o.run(RunRequest.all());
        assertEquals(SyncStatus.SUCCESS, r.status(), r.toString());
        if (attach) {
            assertEquals(ScrobbleResult.Status.QUEUED, during.get(0).status(), during.toString());
            assertTrue(during.get(0).detail().contains("a sync run is in progress"), during.toString());
            List<ScrobbleResult> after = manager.deliverDue();
            assertEquals(ScrobbleResult.Status.ALREADY_PRESENT, after.get(0).status(), after.toString());
            assertEquals(0, manager.queuedCount());
        }
        return trakt.history.size();
    }

    @Test
    void anAttachedOrchestratorsRunsHoldStopsWithoutTheEmbedderCallingAnything() {
        assertEquals(1, midRunWebhook(true), "held during the run, then recognised: one play");
    }

    @Test
    void controlWithoutTheHoldThePlayLandsTwice() {
        assertEquals(2, midRunWebhook(false));
    }

    @Test
    void aRunHoldingTheLockInAnotherThreadHoldsStopsOfAManagerThatIsNotAttached() throws Exception {
        Path lock = dir.resolve("crosswatch.json.lock");
        Orchestrator o = orchestrator(lock);
        ScrobbleManager manager = manager().runLock(lock).build();
        MediaItem play = played();
        CountDownLatch inRun = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        trakt.beforeSyncWrite = () -> {
            inRun.countDown();
            try {
                assertTrue(go.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunReport> run = pool.submit(() -> o.run(RunRequest.all()));
            assertTrue(inRun.await(30, TimeUnit.SECONDS));
            assertTrue(RunLock.isHeld(lock));
            List<ScrobbleResult> r = manager.onEvent(ExactlyOncePlaysTest.stop(play, time.clock().instant(), 95));
            assertEquals(ScrobbleResult.Status.QUEUED, r.get(0).status(), r.toString());
            assertTrue(r.get(0).detail().contains("a sync run holds " + lock), r.toString());
            assertEquals(List.of(), manager.deliverDue(), "still held");
            go.countDown();
            assertEquals(SyncStatus.SUCCESS, run.get(30, TimeUnit.SECONDS).status());
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
        assertFalse(RunLock.isHeld(lock), "released, and the file says so");
        List<ScrobbleResult> after = manager.deliverDue();
        assertEquals(ScrobbleResult.Status.ALREADY_PRESENT, after.get(0).status(), after.toString());
        assertEquals(1, trakt.history.size(), "the sync's post is the only one");
        assertTrue(trakt.calls.stream().noneMatch(c -> c.startsWith("stop")), trakt.calls.toString());
    }

    @Test
    void aSyncInAnotherProcessHoldsStopsUntilItReleasesTheLock() throws Exception {
        Path config = dir.resolve("crosswatch.json");
        Files.writeString(config, """
                {"pairs": [{"name": "p", "source": "a", "target": "b", "mode": "two_way", "features": {"watchlist": true}}]}
                """);
        PlatformManager withConfig = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(config))
                .register(trakt).clock(time.clock()).sleeper(time.sleeper()).build();
        // the default lock file: <config>.lock, as the orchestrators of any process use
        ScrobbleManager manager = ScrobbleManager.builder().platform(withConfig).store(store)
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        MediaItem play = played();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockedRunMain.class.getName(), config.toString())).redirectErrorStream(true).start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                String line;
                while ((line = out.readLine()) != null && !line.equals("RUNNING")) { // LockedRunMain.RUNNING
                    seen.append(line).append('\n');
                }
                assertEquals("RUNNING", line, "the child never started its run:\n" + seen);

                List<ScrobbleResult> r = manager.onEvent(ExactlyOncePlaysTest.stop(play, time.clock().instant(), 95));
                assertEquals(ScrobbleResult.Status.QUEUED, r.get(0).status(), r.toString());
                assertTrue(r.get(0).detail().contains("a sync run holds " + RunLock.pathFor(config)), r.toString());
                assertEquals(List.of(), manager.deliverDue());
                assertTrue(trakt.calls.isEmpty(), trakt.calls.toString());

                child.getOutputStream().close(); // let the child's sync finish
                while ((line = out.readLine()) != null && !line.startsWith("DONE")) {
                    seen.append(line).append('\n');
                }
                assertEquals("DONE SUCCESS", line, seen.toString());
                child.waitFor();
            });
        } finally {
            child.destroyForcibly();
        }
        List<ScrobbleResult> after = manager.deliverDue();
        assertEquals(ScrobbleResult.Status.RECORDED, after.get(0).status(), after.toString());
        assertEquals(List.of(), manager.deliverDue(), "delivered once");
        assertEquals(1, trakt.history.size());
        assertEquals(0, manager.queuedCount());
    }

    @Test
    void aLockFileLeftByACrashedRunIsFreeAndCleared() throws Exception {
        Path lock = dir.resolve("x.json.lock");
        assertFalse(RunLock.isHeld(lock), "no file");
        Files.writeString(lock, "pid 999999 since 2026-01-01T00:00:00Z\n");
        assertFalse(RunLock.isHeld(lock), "content but no lock: the holder died");
        assertEquals(0, Files.size(lock), "cleared, so the next check is one stat");
        try (RunLock held = RunLock.acquire(lock, "x.json", time.clock().instant())) {
            assertTrue(RunLock.isHeld(lock));
        }
        assertFalse(RunLock.isHeld(lock));
        assertEquals(0, Files.size(lock));
    }
}
