package io.crosswatch.cli.internal;

import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.NoSuchProviderException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.core.RunInProgressException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns an exception into one line plus a hint on standard error, and exit code 2. Messages of
 * CrossWatch exceptions are written to be shown (they never hold secrets); anything else is
 * reported by type, with the stack trace only under {@code --verbose}.
 */
public final class ErrorReporter {

    /** The exit code of a failure. */
    public static final int FAILURE = 2;

    private ErrorReporter() {
    }

    /**
     * @param e       what went wrong
     * @param err     where to write
     * @param verbose whether to add the stack trace
     * @return {@link #FAILURE}
     */
    public static int report(Throwable e, PrintWriter err, boolean verbose) {
        err.println("error: " + message(e));
        String hint = hint(e);
        if (hint != null) {
            err.println("hint: " + hint);
        }
        if (verbose) {
            e.printStackTrace(err);
        } else if (!(e instanceof CliException) && !(e instanceof CrossWatchException)
                && !(e instanceof IllegalArgumentException)) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return FAILURE;
    }

    static String message(Throwable e) {
        if (e instanceof CrossWatchException || e instanceof CliException || e instanceof IllegalArgumentException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return "I/O error: " + oneLine(e.getMessage());
        }
        return "unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    }

    static String hint(Throwable e) {
        if (e instanceof CliException c) {
            return c.hint();
        }
        if (e instanceof NoSuchProviderException) {
            return "'crosswatch providers' lists the installed providers; add a provider jar to the plugins directory";
        }
        if (e instanceof ConfigException) {
            return "fix the config file at the place named above (see 'crosswatch init' for a commented example)";
        }
        if (e instanceof AuthException a) {
            return "the account's credentials are missing or expired: run 'crosswatch connect " + a.provider() + "'";
        }
        if (e instanceof RateLimitedException r) {
            return "the service is rate limiting" + r.retryAfter().map(d -> "; retry after " + d.toSeconds() + " s")
                    .orElse("; retry later");
        }
        if (e instanceof ProviderException p) {
            if (p.httpStatus().isPresent() && (p.httpStatus().getAsInt() == 401 || p.httpStatus().getAsInt() == 403)) {
                return "the service refused the credentials: run 'crosswatch connect " + p.provider() + "'";
            }
            return p.retryable() ? "the service is unreachable or failing; check the network and the provider's"
                    + " baseUrl, then retry" : "check the provider's settings in the config file";
        }
        if (e instanceof RunInProgressException) {
            return "wait for the other run to finish and try again (the lock goes away when that process ends)";
        }
        if (e instanceof CancelledException) {
            return null;
        }
        return null;
    }

    /** Config errors may list several problems on further lines; keep them, indented. */
    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip();
    }
}
