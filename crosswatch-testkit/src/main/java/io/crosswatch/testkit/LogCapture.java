package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged in this JVM while it is open, with every logger at its most
 * verbose level, so a test can assert that no secret reaches a log line.
 *
 * <p>{@code System.Logger} (the only logging CrossWatch and its providers use) routes to
 * {@code java.util.logging} by default; this installs a handler on the root logger and turns
 * the root and every logger that sets its own level to {@link Level#ALL}. Each captured entry
 * holds the formatted message (parameters filled in), the raw message and each parameter, and
 * the full stack trace of the thrown exception, causes and suppressed exceptions included —
 * everything a log file could show. {@link #close()} puts levels and handlers back.
 *
 * <pre>{@code
 * SecretScanner secrets = new SecretScanner().add("accessToken", TOKEN);
 * try (LogCapture logs = LogCapture.everything()) {
 *     // run the provider, success and failure paths
 *     logs.assertNoSecrets(secrets);
 * }
 * }</pre>
 *
 * <p>Logging is JVM-wide: a capture sees other threads' logs too, which only makes it stricter.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class LogCapture implements AutoCloseable {

    private final List<String> entries = Collections.synchronizedList(new ArrayList<>());
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Capturing();
    private boolean closed;

    private LogCapture() {
        previousLevels.put(root, root.getLevel());
        LogManager manager = LogManager.getLogManager();
        for (Enumeration<String> names = manager.getLoggerNames(); names.hasMoreElements(); ) {
            Logger logger = manager.getLogger(names.nextElement());
            // Loggers without their own level inherit the root's; one that set a level would
            // otherwise hide its DEBUG/TRACE lines from the capture.
            if (logger != null && logger != root && logger.getLevel() != null) {
                previousLevels.put(logger, logger.getLevel());
                logger.setLevel(Level.ALL);
            }
        }
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        // Prove the route works before anyone trusts an empty capture: a TRACE line through
        // System.Logger must arrive here (it does not when another logging backend took over).
        System.getLogger(LogCapture.class.getName()).log(System.Logger.Level.TRACE, "LogCapture probe");
        if (entries.isEmpty()) {
            close();
            throw new IllegalStateException("System.Logger does not reach java.util.logging in this JVM "
                    + "(another System.LoggerFinder is installed): LogCapture cannot see the logs");
        }
        entries.clear();
    }

    /**
     * @return a capture of every log record in the JVM, at every level, until {@link #close()}
     * @throws IllegalStateException when System.Logger output does not reach java.util.logging
     *                               (another logging backend is installed), so nothing could be seen
     */
    public static LogCapture everything() {
        return new LogCapture();
    }

    /** @return the entries captured so far, in order (message, parameters and stack trace each) */
    public List<String> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** @return every entry joined by newlines */
    public String text() {
        return String.join("\n", entries());
    }

    /** @return how many records were captured */
    public int size() {
        return entries.size();
    }

    /**
     * Fails when any captured entry contains one of the scanner's secrets. (That the capture
     * sees System.Logger output at all is checked when it starts: {@link #everything()} throws
     * otherwise.)
     *
     * @param secrets the secrets to look for
     * @throws org.opentest4j.AssertionFailedError naming the secret's origin, never its value
     */
    public void assertNoSecrets(SecretScanner secrets) {
        secrets.assertNotIn("the captured logs", text());
    }

    /** Stops capturing and restores the previous levels. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        root.removeHandler(handler);
        previousLevels.forEach(Logger::setLevel);
    }

    @Override
    public String toString() {
        return "LogCapture[" + entries.size() + " entries" + (closed ? ", closed" : "") + "]";
    }

    /** Renders a record the way any log file could: message, raw text, parameters, stack trace. */
    private final class Capturing extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ");
            try {
                sb.append(formatter.formatMessage(r));
            } catch (RuntimeException e) {
                sb.append("<unformattable: ").append(e.getClass().getSimpleName()).append('>');
            }
            if (r.getMessage() != null) {
                sb.append("\n  raw: ").append(r.getMessage());
            }
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append("\n  param: ").append(String.valueOf(p));
                }
            }
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append('\n').append(w);
            }
            entries.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
