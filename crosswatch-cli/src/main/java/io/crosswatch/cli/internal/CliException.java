package io.crosswatch.cli.internal;

/** A user-facing failure of a command: a one-line message and a hint on what to do. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * @param message what went wrong
     * @param hint    what to do, may be {@code null}
     */
    public CliException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** @return what to do, may be {@code null} */
    public String hint() {
        return hint;
    }
}
