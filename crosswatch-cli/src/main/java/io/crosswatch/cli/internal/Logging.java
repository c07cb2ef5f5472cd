package io.crosswatch.cli.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Core logs through {@code System.Logger}, which defaults to {@code java.util.logging} printing
 * INFO lines to standard error. The CLI prints its own report, so it keeps only severe log
 * lines unless {@code --verbose} asks for everything from INFO up.
 */
public final class Logging {

    private Logging() {
    }

    /** @param verbose whether to show INFO and WARNING lines too */
    public static void configure(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.SEVERE;
        Logger rootLogger = Logger.getLogger("");
        rootLogger.setLevel(level);
        for (Handler h : rootLogger.getHandlers()) {
            h.setLevel(level);
        }
    }
}
