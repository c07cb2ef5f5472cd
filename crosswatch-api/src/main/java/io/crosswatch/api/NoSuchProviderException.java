package io.crosswatch.api;

/**
 * No provider of the requested name (and family) is registered.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class NoSuchProviderException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    /**
     * @param family the family asked for, such as {@code "sync"}
     * @param name   the name asked for
     */
    public NoSuchProviderException(String family, String name) {
        super("no " + family + " provider named '" + name + "' is installed; run 'crosswatch providers' to list them");
    }
}
