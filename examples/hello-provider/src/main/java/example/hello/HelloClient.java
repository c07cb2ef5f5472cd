package example.hello;

import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the Hello Watchlist service with the JDK's {@link HttpClient} and turns its failures
 * into the API's typed exceptions. Built per session or auth call from the context, so the
 * provider keeps no state between calls.
 *
 * <p>A provider inside this repository would use core's HTTP toolkit (rate limits, retries,
 * token refresh); a third-party jar built against the API alone does its own small version.
 */
final class HelloClient {

    /** The provider name, shared by the auth provider, the connector and their config block. */
    static final String NAME = "hello";
    /** Where the real service would live; tests and self-hosted servers set {@code baseUrl}. */
    static final String DEFAULT_URL = "https://api.hello-watchlist.example";
    /** The config key holding the API key; "apiKey" is redacted by every config view. */
    static final String API_KEY = "apiKey";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A status and body of an answered call. */
    record Response(int status, String body) {
    }

    private final HttpClient http;
    private final URI base;
    private final Secret apiKey;
    private final CancellationToken cancellation;

    private HelloClient(URI base, Secret apiKey, CancellationToken cancellation) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.base = base;
        this.apiKey = apiKey;
        this.cancellation = cancellation;
    }

    /**
     * @param context the call's context; its config holds {@code baseUrl} and {@code apiKey}
     * @return a client using the stored key
     * @throws AuthException when no key is stored
     */
    static HelloClient connected(ProviderContext context) {
        Secret key = context.config().secret(API_KEY).orElseThrow(() -> new AuthException(NAME,
                "no API key is configured; run 'crosswatch connect " + NAME + "'"));
        return withKey(context, key);
    }

    /**
     * @param context the call's context, for {@code baseUrl} and cancellation
     * @param key     the key to send (one the user typed, not yet stored)
     * @return a client using {@code key}
     */
    static HelloClient withKey(ProviderContext context, Secret key) {
        return new HelloClient(context.config().baseUrl(DEFAULT_URL), key, context.cancellation());
    }

    /**
     * Sends one call. Statuses other than 401/403, 429 and 5xx are returned for the caller to
     * interpret (a 404 on delete is an answer, not an error).
     *
     * @param method   {@code GET}, {@code POST} or {@code DELETE}
     * @param path     the path, such as {@code /watchlist}
     * @param jsonBody what to send as JSON, {@code null} for none
     * @return the response
     * @throws CancelledException    when the run was cancelled
     * @throws AuthException         when the service rejects the key
     * @throws RateLimitedException  on 429
     * @throws ProviderException     when the service fails or does not answer
     */
    Response send(String method, String path, Object jsonBody) {
        cancellation.throwIfCancelled();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("X-Api-Key", apiKey.reveal())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(HelloJson.write(jsonBody)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The message names the host, never the key: the key travels in a header only.
            throw new ProviderException(NAME, 0, true, method + " " + base + path + " got no answer ("
                    + e.getClass().getSimpleName() + "); is the service up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while calling " + method + " " + base + path);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AuthException(NAME, "the service rejected the API key (HTTP " + status + "); run 'crosswatch "
                    + "connect " + NAME + "' with a valid key");
        }
        if (status == 429) {
            Optional<Duration> wait = response.headers().firstValue("Retry-After").flatMap(HelloClient::seconds);
            throw new RateLimitedException(NAME, wait.orElse(null), method + " " + path + " was rate limited");
        }
        if (status >= 500) {
            throw new ProviderException(NAME, status, true, method + " " + base + path + " failed with HTTP " + status,
                    null);
        }
        return new Response(status, response.body());
    }

    /**
     * @return the response body as JSON
     * @throws ProviderException when the body is not JSON
     */
    Object json(String method, String path, Response response) {
        try {
            return HelloJson.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(NAME, response.status(), false, method + " " + base + path
                    + " answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    /** @return an exception for an answer the caller did not expect */
    ProviderException unexpected(String method, String path, Response response) {
        return new ProviderException(NAME, response.status(), false, method + " " + base + path
                + " answered an unexpected HTTP " + response.status(), null);
    }

    @Override
    public String toString() {
        return "HelloClient[" + base + "]";
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
