/**
 * MDBList sync connector: watchlist, ratings and static lists through MDBList's REST API
 * ({@code https://api.mdblist.com}), authenticated with the {@code apikey} query parameter.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.mdblist;
