package io.crosswatch.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.Sleeper;
import io.crosswatch.core.internal.http.Backoff;
import io.crosswatch.core.internal.http.CancelHooks;
import io.crosswatch.core.internal.http.RateLimitHeaders;
import io.crosswatch.core.internal.http.RetryAfter;
import io.crosswatch.core.internal.http.Waiter;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP client of one provider instance. Built once per instance with {@link
 * HttpToolkit#client(String)} and safe to share between threads.
 *
 * <p>Every call: resolves the path against the base URL (absolute URLs pass through, for an
 * OAuth host that differs from the API host), adds the {@code User-Agent}, the client's
 * headers and the authentication headers computed from the current configuration, waits
 * for its {@link RateLimiter} (the budget of its provider instance, or of the whole provider
 * where the provider declares an app- or IP-wide {@link RateLimitScope}), sends, and then
 * <ul>
 *   <li>on {@code 429} waits for {@code Retry-After} (seconds or HTTP-date) and tries again;</li>
 *   <li>on a connection failure, a timeout, {@code 408}, {@code 5xx} or Cloudflare
 *       {@code 520–524} retries idempotent requests with exponential backoff and full jitter;</li>
 *   <li>on {@code 401} asks {@link ProviderContext#refreshCredentials()} once and replays;
 *       a second {@code 401} becomes an {@link AuthException} telling the user to reconnect;</li>
 *   <li>honours {@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset}, and Trakt's
 *       {@code X-Ratelimit} JSON header, by holding later requests until the reset;</li>
 *   <li>maps other failures to {@link ProviderException} (status, {@code retryable()}, a
 *       message naming method and path without secrets), or to what the {@link ErrorMapper}
 *       returns.</li>
 * </ul>
 * No wait runs past the deadline, and a cancelled token ends every wait and in-flight call
 * promptly with a {@link CancelledException}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ServiceClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final int MAX_ERROR_SNIPPET = 300;

    private final HttpToolkit toolkit;
    private final String provider;
    private final HttpUrl baseUrl;
    private final Map<String, Function<ProviderConfig, String>> headers;
    private final AuthScheme auth;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final ProviderContext context;
    private final ProviderConfig fixedConfig;
    private final OkHttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancellationToken cancellation;
    private final Instant deadline;
    private final ErrorMapper errorMapper;
    private final Object refreshLock = new Object();
    private volatile ProviderConfig refreshed;

    private ServiceClient(Builder b) {
        this.toolkit = b.toolkit;
        this.provider = b.provider;
        this.baseUrl = b.baseUrl;
        this.headers = Map.copyOf(b.headers);
        this.auth = b.auth;
        this.retry = b.retry;
        this.context = b.context;
        this.fixedConfig = b.config;
        this.http = b.connectTimeout == null && b.readTimeout == null && b.callTimeout == null ? toolkit.okHttp()
                : tuned(toolkit.okHttp(), b);
        this.clock = b.clock != null ? b.clock : b.context != null ? b.context.clock() : toolkit.clock();
        // The budget is counted on the clock this client reads, so that is part of the limiter's key.
        this.limiter = toolkit.rateLimiter(provider, instanceOf(b), b.rateLimitScope, b.rateLimit, clock);
        this.sleeper = b.sleeper != null ? b.sleeper : b.context != null ? b.context.sleeper() : toolkit.sleeper();
        this.cancellation = b.cancellation != null ? b.cancellation
                : b.context != null ? b.context.cancellation() : CancellationToken.none();
        this.deadline = b.deadline;
        this.errorMapper = b.errorMapper;
    }

    /** The account whose budget this client spends: set explicitly, else its configuration's instance. */
    private static String instanceOf(Builder b) {
        if (b.instance != null) {
            return b.instance;
        }
        ProviderConfig cfg = b.context != null ? b.context.config() : b.config;
        return cfg != null ? cfg.instance() : ProviderConfig.DEFAULT_INSTANCE;
    }

    private static OkHttpClient tuned(OkHttpClient shared, Builder b) {
        // newBuilder() shares the connection pool and dispatcher with the toolkit's client.
        OkHttpClient.Builder nb = shared.newBuilder();
        if (b.connectTimeout != null) {
            nb.connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (b.readTimeout != null) {
            nb.readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            nb.writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (b.callTimeout != null) {
            nb.callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return nb.build();
    }

    /** @return the provider name used in errors, logs and the rate-limit registry */
    public String provider() {
        return provider;
    }

    /** @return the base URL, if one was set */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl).map(HttpUrl::uri);
    }

    /** @return the toolkit's JSON mapper, for building bodies and decoding nested values */
    public ObjectMapper mapper() {
        return toolkit.mapper();
    }

    /** @return the rate limiter of this client's budget (its instance's, or the provider's when declared app- or IP-wide) */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /** @return the configuration requests are authenticated with now (refreshed if a 401 refreshed it) */
    public Optional<ProviderConfig> config() {
        ProviderConfig r = refreshed;
        if (r != null) {
            return Optional.of(r);
        }
        return Optional.ofNullable(context != null ? context.config() : fixedConfig);
    }

    /**
     * @param method     the HTTP method
     * @param pathOrUrl  a path starting with {@code /} (resolved against the base URL) or an
     *                   absolute {@code http(s)} URL
     * @return a request to configure and send
     */
    public ServiceRequest request(String method, String pathOrUrl) {
        return new ServiceRequest(this, method, pathOrUrl);
    }

    /** @return the decoded body of {@code GET path?query} */
    public <T> T get(String path, Query query, Class<T> type) {
        return request("GET", path).query(query).as(type);
    }

    /** @return the decoded body of {@code GET path?query} */
    public <T> T get(String path, Query query, TypeReference<T> type) {
        return request("GET", path).query(query).as(type);
    }

    /** @return the body of {@code GET path?query} as a JSON tree */
    public JsonNode get(String path, Query query) {
        return request("GET", path).query(query).json();
    }

    /** @return the body of {@code GET path} as a JSON tree */
    public JsonNode get(String path) {
        return request("GET", path).json();
    }

    /** @return the decoded body of {@code GET path?query}, empty on {@code 404} */
    public <T> Optional<T> getOptional(String path, Query query, Class<T> type) {
        return request("GET", path).query(query).asOptional(type);
    }

    /** @return the decoded body of {@code GET path?query}, empty on {@code 404} */
    public <T> Optional<T> getOptional(String path, Query query, TypeReference<T> type) {
        return request("GET", path).query(query).asOptional(type);
    }

    /** @return the decoded response of {@code POST path} with a JSON body (an object or a {@link JsonNode}) */
    public <T> T post(String path, Object body, Class<T> type) {
        return request("POST", path).json(body).as(type);
    }

    /** @return the decoded response of {@code POST path} with a JSON body */
    public <T> T post(String path, Object body, TypeReference<T> type) {
        return request("POST", path).json(body).as(type);
    }

    /** @return the response of {@code POST path} with a JSON body, as a JSON tree */
    public JsonNode post(String path, Object body) {
        return request("POST", path).json(body).json();
    }

    /** @return the decoded response of {@code PUT path} with a JSON body */
    public <T> T put(String path, Object body, Class<T> type) {
        return request("PUT", path).json(body).as(type);
    }

    /** @return the response of {@code PUT path} with a JSON body, as a JSON tree ({@code MissingNode} when empty) */
    public JsonNode put(String path, Object body) {
        return request("PUT", path).json(body).json();
    }

    /** @return the response of {@code DELETE path?query} */
    public ServiceResponse delete(String path, Query query) {
        return request("DELETE", path).query(query).send();
    }

    /** @return the response of {@code DELETE path} */
    public ServiceResponse delete(String path) {
        return request("DELETE", path).send();
    }

    /** @return the decoded response of {@code POST path} with a form body ({@code x-www-form-urlencoded}) */
    public <T> T postForm(String path, Query form, Class<T> type) {
        return request("POST", path).form(form).as(type);
    }

    /** @return the decoded response of {@code POST path} with a form body */
    public <T> T postForm(String path, Query form, TypeReference<T> type) {
        return request("POST", path).form(form).as(type);
    }

    /** @return the response of {@code POST path} with a form body, as a JSON tree */
    public JsonNode postForm(String path, Query form) {
        return request("POST", path).form(form).json();
    }

    // ---------------------------------------------------------------------------------------
    // Execution

    ServiceResponse execute(ServiceRequest r) {
        HttpUrl url = resolve(r.target, r.query);
        String endpoint = r.method + " " + url.encodedPath();
        String logUrl = Redactor.standard().url(url.toString());
        Instant until = r.deadline != null ? r.deadline : deadline;
        CancellationToken token = r.cancellation != null ? r.cancellation : cancellation;
        RetryPolicy policy = r.retry != null ? r.retry : retry;
        boolean idempotent = r.idempotent != null ? r.idempotent : IDEMPOTENT.contains(r.method);
        Access access = r.access != null ? r.access : Access.of(r.method);
        boolean authenticate = r.authenticate && auth != null;
        byte[] jsonBytes = r.bodyKind == ServiceRequest.BodyKind.JSON ? writeJson(r.jsonBody, endpoint) : null;
        Waiter waiter = new Waiter(clock, sleeper);

        int attempt = 0;
        boolean refreshedOnce = false;
        while (true) {
            attempt++;
            token.throwIfCancelled();
            if (until != null && clock.instant().isAfter(until)) {
                throw new CancelledException(provider + ": " + endpoint + " was not sent: the deadline " + until
                        + " has passed" + (attempt > 1 ? " after " + (attempt - 1) + " attempt(s)" : ""));
            }
            limiter.acquire(access, clock, sleeper, until, token);
            ProviderConfig cfg = config().orElse(null);
            Request request = build(url, r, cfg, authenticate, jsonBytes);
            long started = System.nanoTime();
            ServiceResponse response;
            okhttp3.Call call = http.newCall(request);
            if (until != null) {
                // The deadline caps the attempt itself too, not only the waits between attempts.
                long remaining = Math.max(1, Duration.between(clock.instant(), until).toMillis());
                if (http.callTimeoutMillis() > 0) {
                    remaining = Math.min(remaining, http.callTimeoutMillis());
                }
                call.timeout().timeout(remaining, TimeUnit.MILLISECONDS);
            }
            try (CancelHooks.Registration ignored = CancelHooks.register(token, call::cancel);
                 Response raw = call.execute()) {
                byte[] body = raw.body().bytes();
                response = new ServiceResponse(provider, endpoint, raw.code(), raw.headers().toMultimap(), body, attempt,
                        toolkit.mapper(), () -> sentSecrets(request, r, cfg));
            } catch (IOException e) {
                if (token.isCancelled()) {
                    token.throwIfCancelled();
                }
                String failure = describe(e);
                log(r.method, logUrl, failure, started, attempt);
                if (idempotent && attempt < policy.maxAttempts()) {
                    backoff(waiter, policy, attempt, null, until, token, endpoint, failure, 0, e);
                    continue;
                }
                throw new ProviderException(provider, 0, true, endpoint + " failed after " + attempt + " attempt(s): "
                        + failure + (idempotent ? "" : " (not retried: the request is not idempotent)"), e);
            }
            int status = response.status();
            log(r.method, logUrl, "HTTP " + status, started, attempt);
            Instant now = clock.instant();
            // An exhausted budget holds every caller of this budget until it resets, but never
            // for longer than this client waits for a Retry-After: a daily quota resetting hours
            // away must not hang other runs in the JVM. Their next request then gets the
            // service's 429 and fails fast as rate limited.
            RateLimitHeaders.exhaustedUntil(n -> response.header(n).orElse(null), now, toolkit.mapper())
                    .filter(reset -> Duration.between(now, reset).compareTo(policy.maxRetryAfter()) <= 0)
                    .ifPresent(reset -> limiter.pauseUntil(access, reset));

            if (response.isSuccessful() || r.allowed.contains(status)) {
                return response;
            }
            if (status == 401 && authenticate && !refreshedOnce) {
                refreshedOnce = true;
                attempt--; // the replay after a refresh is not a retry
                refresh(cfg);
                continue;
            }
            if (status == 429 && attempt < policy.maxAttempts()) {
                final int retryNumber = attempt;
                Duration wait = RetryAfter.parse(response.header("Retry-After").orElse(null), now)
                        .or(() -> response.header("X-RateLimit-Reset")
                                .flatMap(v -> RateLimitHeaders.resetInstant(v, now))
                                .map(reset -> Duration.between(now, reset)))
                        .orElseGet(() -> Backoff.fullJitter(retryNumber, policy.baseDelay(), policy.maxDelay(), toolkit.random()));
                if (wait.isNegative()) {
                    wait = Duration.ZERO;
                }
                if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                    throw new RateLimitedException(provider, wait, endpoint + " is rate limited (HTTP 429) and asks to wait "
                            + wait.toSeconds() + " s, longer than the " + policy.maxRetryAfter().toSeconds() + " s this client waits");
                }
                if (until != null && now.plus(wait).isAfter(until)) {
                    throw new RateLimitedException(provider, wait, endpoint + " is rate limited (HTTP 429) and asks to wait "
                            + wait.toSeconds() + " s, which would pass the deadline " + until);
                }
                // The pause holds every request of this budget (this account, or the whole
                // provider when declared app- or IP-wide), not just this one; the wait itself
                // happens in the limiter at the top of the loop.
                limiter.pauseUntil(access, now.plus(wait));
                continue;
            }
            if (isRetryableStatus(status) && idempotent && attempt < policy.maxAttempts()) {
                Duration advised = RetryAfter.parse(response.header("Retry-After").orElse(null), now).orElse(null);
                backoff(waiter, policy, attempt, advised, until, token, endpoint, "HTTP " + status, status, null);
                continue;
            }
            throw failure(response, r, authenticate);
        }
    }

    private void backoff(Waiter waiter, RetryPolicy policy, int attempt, Duration advised, Instant until,
                         CancellationToken token, String endpoint, String failure, int status, Throwable cause) {
        Duration wait = Backoff.fullJitter(attempt, policy.baseDelay(), policy.maxDelay(), toolkit.random());
        if (advised != null && advised.compareTo(wait) > 0 && advised.compareTo(policy.maxRetryAfter()) <= 0) {
            wait = advised;
        }
        try {
            waiter.sleep(wait, until, token);
        } catch (Waiter.DeadlineExceeded e) {
            throw new ProviderException(provider, status, true, endpoint + " failed (" + failure + ") on attempt " + attempt
                    + "; the next retry in " + wait.toMillis() + " ms would pass the deadline " + e.deadline(), cause);
        }
    }

    private RuntimeException failure(ServiceResponse response, ServiceRequest r, boolean authenticated) {
        int status = response.status();
        String endpoint = response.endpoint();
        if (status == 401) {
            return new AuthException(provider, endpoint + " was refused (HTTP 401)"
                    + (authenticated ? " even after refreshing the credentials" : "")
                    + "; run 'crosswatch connect " + provider + "' to sign in again");
        }
        Optional<RuntimeException> mapped = errorMapper.map(response);
        if (mapped.isPresent()) {
            return mapped.get();
        }
        String detail = snippet(response);
        if (status == 429) {
            Duration wait = RetryAfter.parse(response.header("Retry-After").orElse(null), clock.instant()).orElse(null);
            return new RateLimitedException(provider, wait, endpoint + " is still rate limited (HTTP 429) after "
                    + response.attempts() + " attempt(s)" + detail);
        }
        boolean retryable = isRetryableStatus(status);
        String what = switch (status) {
            case 403 -> " was refused (HTTP 403): check the API key and that the account may use this endpoint";
            case 404 -> " found nothing (HTTP 404)";
            default -> " failed with HTTP " + status;
        };
        String attempts = response.attempts() > 1 ? " after " + response.attempts() + " attempts" : "";
        return new ProviderException(provider, status, retryable, endpoint + what + attempts + detail, null);
    }

    private static String snippet(ServiceResponse response) {
        if (response.hasEmptyBody()) {
            return "";
        }
        // By key first (access_token: …), then by value: a server may echo what it was sent
        // under any name ("message": "invalid api key abc123").
        String redacted = response.redact(Redactor.standard().json(response.bodyText()));
        if (redacted.length() > MAX_ERROR_SNIPPET) {
            redacted = redacted.substring(0, MAX_ERROR_SNIPPET) + "…";
        }
        return ": " + redacted;
    }

    static boolean isRetryableStatus(int status) {
        return status == 408 || status == 500 || status == 502 || status == 503 || status == 504
                || (status >= 520 && status <= 524);
    }

    private void refresh(ProviderConfig used) {
        synchronized (refreshLock) {
            ProviderConfig current = config().orElse(null);
            if (current != null && used != null && !current.equals(used)) {
                return; // another thread refreshed while this request was in flight
            }
            if (context == null) {
                throw new AuthException(provider, "the credentials were refused (HTTP 401) and this client has no way to "
                        + "refresh them; run 'crosswatch connect " + provider + "'");
            }
            refreshed = Objects.requireNonNull(context.refreshCredentials(), "refreshCredentials() returned null");
        }
    }

    private Request build(HttpUrl url, ServiceRequest r, ProviderConfig cfg, boolean authenticate, byte[] jsonBytes) {
        Request.Builder b = new Request.Builder().url(url);
        b.header("User-Agent", toolkit.userAgent());
        b.header("Accept", "application/json");
        for (Map.Entry<String, Function<ProviderConfig, String>> h : headers.entrySet()) {
            b.header(h.getKey(), h.getValue().apply(cfg));
        }
        if (authenticate) {
            if (cfg == null) {
                throw new IllegalStateException(provider + ": the client has an AuthScheme but no context or config");
            }
            auth.headers(cfg).forEach(b::header);
        }
        r.headers.forEach(b::header);
        RequestBody body = switch (r.bodyKind) {
            case JSON -> RequestBody.create(jsonBytes, JSON);
            case FORM -> form(r.formBody);
            case NONE -> requiresBody(r.method) ? RequestBody.create(new byte[0], null) : null;
        };
        return b.method(r.method, body).build();
    }

    /**
     * Every secret value this request carried, so that text echoed back by the server can be
     * scrubbed: secret headers (with the credentials inside them), secret query and form
     * parameters, secret JSON fields, and the secret values of the configuration.
     */
    private Set<String> sentSecrets(Request request, ServiceRequest r, ProviderConfig cfg) {
        Redactor redactor = Redactor.standard();
        Set<String> out = new java.util.HashSet<>();
        request.headers().forEach(h -> out.addAll(redactor.secretValuesOfHeader(h.getFirst(), h.getSecond())));
        HttpUrl url = request.url();
        for (String name : url.queryParameterNames()) {
            if (redactor.isSecretParam(name)) {
                url.queryParameterValues(name).forEach(v -> {
                    if (v != null) {
                        out.add(v);
                    }
                });
            }
        }
        if (r.bodyKind == ServiceRequest.BodyKind.FORM) {
            r.formBody.params().stream().filter(p -> redactor.isSecretParam(p.name())).forEach(p -> out.add(p.value()));
        } else if (r.bodyKind == ServiceRequest.BodyKind.JSON) {
            redactor.collectSecretValues(toolkit.mapper().valueToTree(r.jsonBody), out);
        }
        if (cfg != null) {
            collectConfigSecrets(cfg.values(), out);
        }
        return out;
    }

    private static void collectConfigSecrets(Map<String, ?> values, Set<String> into) {
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> m = (Map<String, ?>) nested;
                collectConfigSecrets(m, into);
            } else if (v != null && !(v instanceof Iterable<?>) && Redactor.standard().isSecretParam(k)) {
                into.add(String.valueOf(v));
            }
        });
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static RequestBody form(Query fields) {
        FormBody.Builder fb = new FormBody.Builder();
        fields.params().forEach(p -> fb.add(p.name(), p.value()));
        return fb.build();
    }

    private byte[] writeJson(Object body, String endpoint) {
        try {
            return toolkit.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException(provider, 0, false, endpoint + ": the request body could not be written as JSON ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private HttpUrl resolve(String target, Query query) {
        HttpUrl url;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            url = HttpUrl.parse(target);
        } else {
            if (baseUrl == null) {
                throw new IllegalArgumentException(provider + ": '" + target + "' is a path but the client has no base URL");
            }
            if (!target.startsWith("/")) {
                throw new IllegalArgumentException(provider + ": a path must start with '/', got '" + target + "'");
            }
            String base = baseUrl.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            url = HttpUrl.parse(base + target);
        }
        if (url == null) {
            throw new IllegalArgumentException(provider + ": not a valid URL: " + Redactor.standard().url(target));
        }
        if (query.isEmpty()) {
            return url;
        }
        HttpUrl.Builder ub = url.newBuilder();
        query.params().forEach(p -> ub.addQueryParameter(p.name(), p.value()));
        return ub.build();
    }

    private static String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "timed out (" + e.getClass().getSimpleName() + ")";
        }
        return "connection failed (" + e.getClass().getSimpleName() + ")";
    }

    private void log(String method, String logUrl, String outcome, long startedNanos, int attempt) {
        System.Logger logger = toolkit.logger();
        if (logger.isLoggable(System.Logger.Level.DEBUG)) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            logger.log(System.Logger.Level.DEBUG, "{0} {1} {2} -> {3} in {4} ms (retries: {5})",
                    provider, method, logUrl, outcome, ms, attempt - 1);
        }
    }

    @Override
    public String toString() {
        return "ServiceClient[" + provider + (baseUrl == null ? "" : " " + Redactor.standard().url(baseUrl.toString())) + "]";
    }

    /**
     * Builds a {@link ServiceClient}; obtained from {@link HttpToolkit#client(String)}.
     *
     * @since 0.1
     */
    @Api(status = Api.Status.STABLE)
    public static final class Builder {
        private final HttpToolkit toolkit;
        private final String provider;
        private HttpUrl baseUrl;
        private final Map<String, Function<ProviderConfig, String>> headers = new LinkedHashMap<>();
        private AuthScheme auth;
        private RateLimitPolicy rateLimit = RateLimitPolicy.unlimited();
        private RateLimitScope rateLimitScope = RateLimitScope.ACCOUNT;
        private String instance;
        private RetryPolicy retry = RetryPolicy.defaults();
        private ProviderContext context;
        private ProviderConfig config;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration callTimeout;
        private Clock clock;
        private Sleeper sleeper;
        private CancellationToken cancellation;
        private Instant deadline;
        private ErrorMapper errorMapper = ErrorMapper.defaults();

        Builder(HttpToolkit toolkit, String provider) {
            this.toolkit = toolkit;
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /** @return the base URL every path is resolved against (a path prefix such as {@code /3} is kept) */
        public Builder baseUrl(URI uri) {
            return baseUrl(uri.toString());
        }

        /** @return the base URL every path is resolved against */
        public Builder baseUrl(String url) {
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null) {
                throw new IllegalArgumentException(provider + ": not an http(s) base URL: " + Redactor.standard().url(url));
            }
            this.baseUrl = parsed;
            return this;
        }

        /** @return a header sent on every request */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            headers.put(Objects.requireNonNull(name, "name"), cfg -> value);
            return this;
        }

        /**
         * @param name  the header name
         * @param value computes the value per request from the current configuration (such
         *              as {@code cfg -> cfg.require("clientId")})
         * @return this builder
         */
        public Builder header(String name, Function<ProviderConfig, String> value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the authentication, computed per request from the current configuration */
        public Builder auth(AuthScheme scheme) {
            this.auth = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * @param policy the provider's published limits; the first client of a budget (by
         *               default one provider instance, see {@link #rateLimitScope}) registers
         *               them in the toolkit and later clients of that budget share the limiter
         * @return this builder
         */
        public Builder rateLimit(RateLimitPolicy policy) {
            this.rateLimit = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param policy the provider's published limits
         * @param scope  whose budget they count
         * @return this builder; the same as {@code rateLimit(policy).rateLimitScope(scope)}
         */
        public Builder rateLimit(RateLimitPolicy policy, RateLimitScope scope) {
            return rateLimit(policy).rateLimitScope(scope);
        }

        /**
         * @param scope whose budget the limits count: {@link RateLimitScope#ACCOUNT} (the
         *              default) gives each provider instance its own limiter, so a {@code 429}
         *              on {@code trakt:work} does not hold {@code trakt:home};
         *              {@link RateLimitScope#APP} and {@link RateLimitScope#IP} share one
         *              limiter between every instance of the provider
         * @return this builder
         */
        public Builder rateLimitScope(RateLimitScope scope) {
            this.rateLimitScope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * @param instance the provider instance (account) whose budget this client spends;
         *                 by default the instance of the context's or the fixed configuration,
         *                 else {@link ProviderConfig#DEFAULT_INSTANCE}
         * @return this builder
         */
        public Builder instance(String instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /** @return the retry policy (default {@link RetryPolicy#defaults()}) */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param context the provider context: configuration for authentication, the
         *                credential refresh on {@code 401}, and the clock, sleeper and
         *                cancellation token (unless set here explicitly)
         * @return this builder
         */
        public Builder context(ProviderContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /** @return a fixed configuration, for clients without a context (no refresh possible) */
        public Builder config(ProviderConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @return the connect timeout of this client (the connection pool stays shared) */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the read (and write) timeout of this client */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the timeout of one whole attempt */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the clock (default: the context's, else the toolkit's) */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the sleeper (default: the context's, else the toolkit's) */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** @return the cancellation token (default: the context's, else none) */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "token");
            return this;
        }

        /** @return a deadline for every request of this client; {@code null} for none */
        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        /** @return a hook mapping specific error responses to the provider's own exceptions */
        public Builder errorMapper(ErrorMapper mapper) {
            this.errorMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** @return the client */
        public ServiceClient build() {
            return new ServiceClient(this);
        }
    }
}
