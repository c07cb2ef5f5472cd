package io.crosswatch.core.sync;

import io.crosswatch.core.RunInProgressException;
import io.crosswatch.core.internal.orchestrator.RunLock;
import java.nio.file.Path;
import java.time.Instant;

/** A child JVM that tries to take a run lock once and says whether it got it. */
public final class TryRunLockMain {

    private TryRunLockMain() {
    }

    /** @param args the lock file */
    public static void main(String[] args) {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), "the child", Instant.now())) {
            System.out.println("ACQUIRED");
        } catch (RunInProgressException e) {
            System.out.println("REFUSED");
        }
    }
}
