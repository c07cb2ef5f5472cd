package io.crosswatch.api;

/**
 * The version of the provider contract.
 *
 * <p>Providers pass {@link #CURRENT} to their manifest builder. Because it is a compile-time
 * constant, javac copies its value into the provider's class file, so core learns the version
 * the provider was <em>built</em> against and can warn about or refuse a mismatch.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ApiVersion {

    /** The contract version of this API jar. Bumped on every incompatible SPI change. */
    public static final int CURRENT = 1;

    /** The oldest contract version core still accepts. */
    public static final int OLDEST_SUPPORTED = 1;

    private ApiVersion() {
    }

    /**
     * Whether a provider built against {@code version} can run on this API.
     *
     * @param version the version the provider reports
     * @return {@code true} when the version lies between {@link #OLDEST_SUPPORTED} and {@link #CURRENT}
     */
    public static boolean isSupported(int version) {
        return version >= OLDEST_SUPPORTED && version <= CURRENT;
    }
}
