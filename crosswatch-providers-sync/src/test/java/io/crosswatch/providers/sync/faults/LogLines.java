package io.crosswatch.providers.sync.faults;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what CrossWatch logs through {@link System.Logger} (routed to java.util.logging),
 * DEBUG and stack traces included, so a case can assert no secret was logged.
 */
final class LogLines extends Handler implements AutoCloseable {

    /** Held so the level set on it is not lost to garbage collection of the logger. */
    private static final Logger CROSSWATCH = Logger.getLogger("io.crosswatch");

    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Level previous;

    private LogLines() {
        setLevel(Level.ALL);
        previous = CROSSWATCH.getLevel();
        CROSSWATCH.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(this);
    }

    /** @return a capture that runs until {@link #close()} */
    static LogLines start() {
        return new LogLines();
    }

    @Override
    public synchronized void publish(LogRecord r) {
        StringBuilder sb = new StringBuilder(r.getLoggerName()).append(": ").append(formatter.formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        lines.add(sb.toString());
    }

    /** @return how many records were captured */
    synchronized int count() {
        return lines.size();
    }

    /** @return every captured record, one per line */
    synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        CROSSWATCH.setLevel(previous);
    }
}
