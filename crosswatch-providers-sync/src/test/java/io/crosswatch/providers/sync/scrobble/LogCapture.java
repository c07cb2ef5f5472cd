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
 * What CrossWatch and OkHttp log through System.Logger / java.util.logging, at every level and
 * with stack traces, plus anything else at INFO and above, except the loopback test server's own
 * request log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = Logger.getLogger("");
    // strong references: java.util.logging forgets the level of a logger nobody holds
    private final List<Logger> verbose = List.of(Logger.getLogger("io.crosswatch"), Logger.getLogger("okhttp3"));
    private final List<Level> previous = new ArrayList<>();

    /** Starts capturing; CrossWatch's and OkHttp's loggers at the most verbose level, others at theirs. */
    public LogCapture() {
        setLevel(Level.ALL);
        for (Logger l : verbose) {
            previous.add(l.getLevel());
            l.setLevel(Level.ALL);
        }
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
        for (int i = 0; i < verbose.size(); i++) {
            verbose.get(i).setLevel(previous.get(i));
        }
    }
}
