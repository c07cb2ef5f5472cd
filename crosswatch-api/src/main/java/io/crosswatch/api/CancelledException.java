package io.crosswatch.api;

/**
 * The operation was cancelled through a {@link CancellationToken} or ran past its deadline.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class CancelledException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    /** @param message why the operation stopped */
    public CancelledException(String message) {
        super(message);
    }
}
