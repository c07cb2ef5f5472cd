package io.crosswatch.core.http;

import io.crosswatch.api.Api;

import java.util.Optional;

/**
 * Lets a provider turn specific error responses into its own exceptions (Trakt's {@code 420}
 * account limit, {@code 423} locked account, {@code 426} VIP only) before the toolkit's
 * default mapping applies. Called for every non-2xx final response that the request did not
 * allow, except {@code 401}, which is always the credential-refresh path.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface ErrorMapper {

    /**
     * @param response the final response (its body is readable)
     * @return the exception to throw, or empty for the default mapping; messages must not
     *         contain secrets
     */
    Optional<RuntimeException> map(ServiceResponse response);

    /** @return a mapper that always defers to the default mapping */
    static ErrorMapper defaults() {
        return r -> Optional.empty();
    }
}
