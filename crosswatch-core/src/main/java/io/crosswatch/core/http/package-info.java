/**
 * The HTTP toolkit every provider talks through: one shared OkHttp client, Jackson mapping,
 * per-provider rate limits, retries with backoff, one credential refresh on {@code 401},
 * lazy paging, and redaction of secrets from logs and errors.
 *
 * <p>A provider builds one {@link io.crosswatch.core.http.ServiceClient} per provider
 * instance and calls it:
 * <pre>{@code
 * ServiceClient trakt = HttpToolkit.shared().client("trakt")
 *         .baseUrl(cfg.baseUrl("https://api.trakt.tv"))
 *         .header("trakt-api-version", "2")
 *         .header("trakt-api-key", cfg -> cfg.require("clientId"))
 *         .auth(AuthScheme.bearer("accessToken"))
 *         .rateLimit(RateLimitPolicy.split(RateLimit.of(1000, Duration.ofMinutes(5)), RateLimit.perSecond(1)))
 *         .context(ctx)
 *         .build();
 * List<Item> page = trakt.get("/sync/watchlist/movies", Query.of("page", "1"), new TypeReference<List<Item>>() {});
 * }</pre>
 *
 * @since 0.1
 */
package io.crosswatch.core.http;
