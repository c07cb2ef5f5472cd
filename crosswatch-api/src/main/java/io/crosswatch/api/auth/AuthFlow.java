package io.crosswatch.api.auth;

import io.crosswatch.api.Api;

/**
 * How a user connects an account.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum AuthFlow {
    /** OAuth device code: the user enters a short code on a web page (Trakt). */
    DEVICE_CODE,
    /** A PIN shown to the user and approved on the service's site (Plex, SIMKL). */
    PIN,
    /** Username and password sent to the server (Jellyfin, Emby). */
    PASSWORD,
    /** A key the user pastes (MDBList, TMDB). */
    API_KEY,
    /** OAuth authorization code with a redirect, or a pasted token (AniList). */
    OAUTH_CODE
}
