package io.crosswatch.api.auth;

import io.crosswatch.api.Api;

/**
 * Optional abilities of an {@link AuthProvider}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum AuthCapability {
    /** {@link AuthProvider#refresh} obtains new tokens without the user. */
    REFRESH,
    /** {@link AuthProvider#disconnect} revokes the token at the service, not only locally. */
    REVOKE,
    /** {@link AuthProvider#status} verifies the credentials with the service. */
    VERIFY,
    /** Several accounts of this service can be configured as instances. */
    MULTIPLE_ACCOUNTS
}
