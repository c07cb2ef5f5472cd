/**
 * MDBList account connection: an API key the user pastes, validated on {@code GET /user}.
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.mdblist;
