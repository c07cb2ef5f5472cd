package io.crosswatch.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged through {@code System.Logger} (which the JDK routes to
 * {@code java.util.logging} when no other backend is installed) at the most verbose level, with
 * formatted messages and full stack traces, so tests can assert that no secret is ever logged.
 * Restores the previous levels on {@link #close()}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = Logger.getLogger("");
    private final Level previous;
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture() {
        previous = root.getLevel();
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    /** @return a capture, installed */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return every captured line, messages formatted and stack traces included */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** @return how many records were captured */
    public int count() {
        return lines.size();
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder sb = new StringBuilder(formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter w = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + sb);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
