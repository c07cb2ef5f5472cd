package io.crosswatch.core.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.crosswatch.api.Api;
import io.crosswatch.api.Sleeper;
import io.crosswatch.core.internal.http.Versions;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The HTTP toolkit: one {@link OkHttpClient} (one connection pool), one Jackson {@link
 * ObjectMapper}, the {@code User-Agent}, injected time, and the registry of {@link RateLimiter}s,
 * one per budget: per provider instance (account) by default, per provider where the provider
 * declares an app- or IP-wide budget ({@link RateLimitScope}). Providers use {@link #shared()};
 * tests build their own with {@link #builder()} to inject a fake clock, sleeper and jitter.
 *
 * <p>A budget is counted on one time line, so limiters are also keyed by the clock their clients
 * read, normalized to UTC ({@code clock.withZone(ZoneOffset.UTC)}): system clocks in any zone
 * share one budget, while a client on a test's virtual clock gets a budget of its own and never
 * waits out a pause counted in real time (or another test's time). Nothing is reset behind a
 * caller's back. The registry keeps one limiter per budget and clock it has seen; production
 * reads one system clock, so it holds one limiter per budget.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class HttpToolkit {

    /** The name of the {@link System.Logger} requests are logged to (at DEBUG). */
    public static final String LOGGER_NAME = "io.crosswatch.core.http";

    private static final class Shared {
        static final HttpToolkit INSTANCE = builder().build();
    }

    private final OkHttpClient okHttp;
    private final ObjectMapper mapper;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final System.Logger logger;
    private final Map<LimiterKey, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * One budget on one time line: a provider, the instance it belongs to ({@code null} when the
     * provider's instances share it) and the clock it is counted on, normalized to UTC.
     */
    private record LimiterKey(String provider, String instance, Clock timeline) {
    }

    private HttpToolkit(Builder b) {
        this.okHttp = b.okHttp != null ? b.okHttp : new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // Retries are this toolkit's job: OkHttp's silent replay would repeat POSTs
                // and hide failures from the backoff and the logs.
                .retryOnConnectionFailure(false)
                .build();
        this.mapper = b.mapper != null ? b.mapper : defaultMapper();
        this.userAgent = b.userAgent != null ? b.userAgent : "crosswatch-java/" + Versions.coreVersion();
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.logger = b.logger != null ? b.logger : System.getLogger(LOGGER_NAME);
    }

    /** @return the JVM-wide toolkit: system clock, real sleeps, default timeouts */
    public static HttpToolkit shared() {
        return Shared.INSTANCE;
    }

    /** @return a builder for a separate toolkit (tests, embedding applications) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the mapper every client uses: java.time support, ISO-8601 dates (not
     *         timestamps), unknown properties ignored
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }

    /**
     * @param provider the provider name, such as {@code trakt}; with the instance of the
     *                 client's configuration (or {@link ServiceClient.Builder#instance(String)})
     *                 and the client's clock it keys the rate limiter
     * @return a builder for one provider instance's client
     */
    public ServiceClient.Builder client(String provider) {
        return new ServiceClient.Builder(this, provider);
    }

    /**
     * The rate limiter every instance of a provider shares (an app- or IP-wide budget) on this
     * toolkit's clock, created with {@code policy} on first use; the same as {@code
     * rateLimiter(provider, null, RateLimitScope.APP, policy, clock())}.
     *
     * @param provider the provider name
     * @param policy   its limits
     * @return the shared limiter
     */
    public RateLimiter rateLimiter(String provider, RateLimitPolicy policy) {
        return rateLimiter(provider, null, RateLimitScope.APP, policy);
    }

    /**
     * The rate limiter of one budget on this toolkit's clock; the same as {@code
     * rateLimiter(provider, instance, scope, policy, clock())}.
     *
     * @param provider the provider name
     * @param instance the provider instance (account); {@code null} means {@link
     *                 io.crosswatch.api.ProviderConfig#DEFAULT_INSTANCE}; ignored for a shared scope
     * @param scope    whose budget the limit counts
     * @param policy   its limits
     * @return the limiter
     * @since 0.1
     */
    public RateLimiter rateLimiter(String provider, String instance, RateLimitScope scope, RateLimitPolicy policy) {
        return rateLimiter(provider, instance, scope, policy, clock);
    }

    /**
     * The rate limiter of one budget as counted on {@code clock}, created with {@code policy} on
     * first use: the budget of {@code instance} for {@link RateLimitScope#ACCOUNT}, else the one
     * every instance of the provider shares. Every client of that budget in this toolkit whose
     * clock is the same time line (equal once normalized to UTC) shares the limiter; a later,
     * different policy is ignored (and logged), since the service has one limit per budget.
     *
     * @param provider the provider name
     * @param instance the provider instance (account), such as {@code work} of {@code trakt:work};
     *                 {@code null} means {@link io.crosswatch.api.ProviderConfig#DEFAULT_INSTANCE};
     *                 ignored for a shared scope
     * @param scope    whose budget the limit counts
     * @param policy   its limits
     * @param clock    the clock the limiter's callers read; its zone does not matter. Budgets are
     *                 kept per time line for the toolkit's life: the system clocks share one, and
     *                 any other clock should implement {@code equals} (as {@code Clock}'s own do),
     *                 or each distinct instance counts a budget of its own
     * @return the limiter
     * @since 0.1
     */
    public RateLimiter rateLimiter(String provider, String instance, RateLimitScope scope, RateLimitPolicy policy,
                                   Clock clock) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        String account = scope.shared() ? null
                : instance != null ? instance : io.crosswatch.api.ProviderConfig.DEFAULT_INSTANCE;
        RateLimiter limiter = limiters.computeIfAbsent(new LimiterKey(provider, account, timeline(clock)),
                k -> new RateLimiter(k.provider(), k.instance(), policy));
        if (!limiter.policy().equals(policy) && !policy.equals(RateLimitPolicy.unlimited())) {
            logger.log(System.Logger.Level.DEBUG, "{0}: keeping the rate limit {1}; ignoring {2}",
                    limiter, limiter.policy(), policy);
        }
        return limiter;
    }

    /** The time line {@code clock} reads: the clock in UTC, since a zone changes how it prints, not its instants. */
    private static Clock timeline(Clock clock) {
        // A UTC clock is its own time line; asking it withZone anyway would, for a clock that
        // lacks equals (a hand-written test clock), make a new key on every call.
        return ZoneOffset.UTC.equals(clock.getZone()) ? clock : clock.withZone(ZoneOffset.UTC);
    }

    /** @return the shared OkHttp client; derive per-provider settings with {@code newBuilder()} */
    public OkHttpClient okHttp() {
        return okHttp;
    }

    /** @return the JSON mapper */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** @return the {@code User-Agent} sent on every request, {@code crosswatch-java/<version>} */
    public String userAgent() {
        return userAgent;
    }

    /** @return the default clock of clients */
    public Clock clock() {
        return clock;
    }

    /** @return the default sleeper of clients */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return the jitter source of backoffs */
    public RandomGenerator random() {
        return random;
    }

    /** @return where requests are logged */
    public System.Logger logger() {
        return logger;
    }

    /**
     * Builds an {@link HttpToolkit}.
     *
     * @since 0.1
     */
    @Api(status = Api.Status.STABLE)
    public static final class Builder {
        private OkHttpClient okHttp;
        private ObjectMapper mapper;
        private String userAgent;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = new ThreadLocalJitter();
        private System.Logger logger;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** @return the clock clients use unless their context or builder gives one */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the sleeper clients use unless their context or builder gives one */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** @return the jitter source (tests pass a fixed one) */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @return a logger to use instead of {@code System.getLogger(LOGGER_NAME)} */
        public Builder logger(System.Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** @return a {@code User-Agent} to send instead of {@code crosswatch-java/<version>} */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** @return an OkHttp client to use as the shared one (its settings win over the timeouts here) */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttp = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @return a mapper to use instead of {@link #defaultMapper()} */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** @return the default connect timeout (10 s) */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the default read and write timeout (30 s) */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the toolkit */
        public HttpToolkit build() {
            return new HttpToolkit(this);
        }
    }

    /** Jitter from {@link ThreadLocalRandom}, so concurrent callers never contend on one generator. */
    private static final class ThreadLocalJitter implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }
}
