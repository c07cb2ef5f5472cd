package io.crosswatch.providers.sync.scrobble;

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
 * Everything logged through System.Logger (routed to java.util.logging) at every level, stack
 * traces included, except the loopback test server's own request log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = Logger.getLogger("");
    private final Level previous;

    /** Starts capturing at the most verbose level. */
    public LogCapture() {
        setLevel(Level.ALL);
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLoggerName() != null && r.getLoggerName().startsWith("mockwebserver3")) {
            return; // the fake server's own request log, not ours
        }
        StringBuilder sb = new StringBuilder(r.getLoggerName() + ": " + new SimpleFormatter().formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        lines.add(sb.toString());
    }

    /** @return the lines so far */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
