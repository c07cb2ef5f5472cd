package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.CrossWatchException;

/**
 * A sync run was refused because another run for the same config holds its lock.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class RunInProgressException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    /** @param message names the config and the lock file */
    public RunInProgressException(String message) {
        super(message);
    }
}
