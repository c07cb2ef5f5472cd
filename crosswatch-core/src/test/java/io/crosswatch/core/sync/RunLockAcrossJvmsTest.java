package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.RunInProgressException;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.internal.orchestrator.RunLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two syncs on one config never interleave: the second is refused at once, in one JVM and across two. */
class RunLockAcrossJvmsTest {

    static final String CONFIG = """
            {"pairs": [{"name": "p", "source": "a", "target": "b", "mode": "two_way", "features": {"watchlist": true}}]}
            """;

    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheSameConfigInThisJvmIsRefused() throws Exception {
        Path config = dir.resolve("crosswatch.json");
        Files.writeString(config, CONFIG);
        Orchestrator first = LockedRunMain.orchestrator(config);
        Orchestrator second = LockedRunMain.orchestrator(config);
        List<RuntimeException> refused = new ArrayList<>();
        RunReport report = first.run(RunRequest.builder().progress(e -> {
            if (refused.isEmpty()) {
                refused.add(assertThrows(RunInProgressException.class, () -> second.run(RunRequest.all())));
            }
        }).build());
        assertEquals(SyncStatus.SUCCESS, report.status(), report.toString());
        assertTrue(refused.get(0).getMessage().contains("another sync is running for " + config), refused.get(0).getMessage());
        assertEquals(SyncStatus.SUCCESS, second.run(RunRequest.all()).status(), "the lock is released after the run");
    }

    @Test
    void aSecondRunFromAnotherJvmIsRefusedUntilTheFirstEnds() throws Exception {
        Path config = dir.resolve("crosswatch.json");
        Files.writeString(config, CONFIG);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockedRunMain.class.getName(), config.toString())).redirectErrorStream(true).start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                String line;
                while ((line = out.readLine()) != null && !line.equals(LockedRunMain.RUNNING)) {
                    seen.append(line).append('\n');
                }
                assertEquals(LockedRunMain.RUNNING, line, "the child never started its run:\n" + seen);
                Orchestrator mine = LockedRunMain.orchestrator(config);
                RunInProgressException e = assertThrows(RunInProgressException.class, () -> mine.run(RunRequest.all()));
                assertTrue(e.getMessage().contains("another sync is running"), e.getMessage());
                child.getOutputStream().close(); // let the child finish
                while ((line = out.readLine()) != null && !line.startsWith("DONE")) {
                    seen.append(line).append('\n');
                }
                assertEquals("DONE SUCCESS", line, seen.toString());
                child.waitFor();
                assertEquals(SyncStatus.SUCCESS, mine.run(RunRequest.all()).status(), "refused only while the other run held the lock");
            });
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * On Linux closing any channel on a file drops every lock the process holds on it, so looking
     * at a held lock from this JVM ({@code isHeld}, a refused second {@code acquire}) must not open
     * a channel of its own: afterwards another process must still be refused.
     */
    @Test
    void lookingAtAHeldLockFromThisJvmKeepsItHeldAgainstOtherProcesses() throws Exception {
        Path lockFile = dir.resolve("crosswatch.json.lock");
        try (RunLock held = RunLock.acquire(lockFile, "this test", Instant.now())) {
            assertTrue(RunLock.isHeld(lockFile));
            assertThrows(RunInProgressException.class, () -> RunLock.acquire(lockFile, "a second run", Instant.now()));
            assertEquals("REFUSED", childTries(lockFile), "another process took the lock this JVM holds");
        }
        assertEquals("ACQUIRED", childTries(lockFile), "the lock is free after close");
    }

    private static String childTries(Path lockFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TryRunLockMain.class.getName(), lockFile.toString())).redirectErrorStream(true).start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            child.waitFor();
            return out;
        } finally {
            child.destroyForcibly();
        }
    }
}
