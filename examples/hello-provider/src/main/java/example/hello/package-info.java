/**
 * The Hello Watchlist provider: {@link example.hello.HelloAuthProvider} connects an account
 * with an API key and {@link example.hello.HelloConnector} reads and writes its watchlist.
 *
 * <p>The service, as this provider uses it (every call carries the header {@code X-Api-Key}):
 * <ul>
 *   <li>{@code GET /me} → {@code {"user":"alice"}}, or {@code 401} for a bad key;</li>
 *   <li>{@code GET /watchlist} → a JSON array of entries {@code {"id":"7","type":"movie",
 *       "title":"The Matrix","year":1999,"ids":{"imdb":"tt0133093","tmdb":"603"}}};</li>
 *   <li>{@code POST /watchlist} with an entry without {@code id} → {@code 201} and the stored
 *       entry, or {@code 200} and the existing one when an entry shares an id;</li>
 *   <li>{@code DELETE /watchlist/{id}} → {@code 204}, or {@code 404} when unknown.</li>
 * </ul>
 * Not exported: nothing here is an API; core reaches the providers through {@code provides}.
 *
 * @since 0.1
 */
package example.hello;
