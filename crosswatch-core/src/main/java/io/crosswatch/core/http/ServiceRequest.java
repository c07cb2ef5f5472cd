package io.crosswatch.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request being prepared on a {@link ServiceClient}; {@link #send()} or a decoding
 * method runs it. Obtained from {@link ServiceClient#request(String, String)}. Not
 * thread-safe; build and send it on one thread.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ServiceRequest {

    /** What kind of body a request carries. */
    enum BodyKind { NONE, JSON, FORM }

    final ServiceClient client;
    final String method;
    final String target;
    Query query = Query.empty();
    final Map<String, String> headers = new LinkedHashMap<>();
    BodyKind bodyKind = BodyKind.NONE;
    Object jsonBody;
    Query formBody;
    Boolean idempotent;
    Access access;
    final Set<Integer> allowed = new TreeSet<>();
    Instant deadline;
    CancellationToken cancellation;
    boolean authenticate = true;
    RetryPolicy retry;

    ServiceRequest(ServiceClient client, String method, String target) {
        this.client = client;
        this.method = Objects.requireNonNull(method, "method").toUpperCase(java.util.Locale.ROOT);
        this.target = Objects.requireNonNull(target, "path or URL");
    }

    /** @return the query parameters are replaced by {@code query} */
    public ServiceRequest query(Query query) {
        this.query = Objects.requireNonNull(query, "query");
        return this;
    }

    /** @return one query parameter is appended ({@code null} values are skipped) */
    public ServiceRequest query(String name, Object value) {
        this.query = query.with(name, value);
        return this;
    }

    /** @return a header is set for this request only (it wins over the client's headers) */
    public ServiceRequest header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param body a {@link JsonNode} or any object Jackson can write; sent as
     *             {@code application/json}
     * @return this request
     */
    public ServiceRequest json(Object body) {
        this.bodyKind = BodyKind.JSON;
        this.jsonBody = body;
        return this;
    }

    /**
     * @param fields sent as {@code application/x-www-form-urlencoded} (Plex, OAuth token endpoints)
     * @return this request
     */
    public ServiceRequest form(Query fields) {
        this.bodyKind = BodyKind.FORM;
        this.formBody = Objects.requireNonNull(fields, "fields");
        return this;
    }

    /**
     * Marks the request safe to repeat, so that a POST is retried after a timeout or 5xx
     * like a GET (a GraphQL query, a search). GET, HEAD, PUT, DELETE and OPTIONS are
     * idempotent without this.
     *
     * @return this request
     */
    public ServiceRequest idempotent() {
        this.idempotent = true;
        return this;
    }

    /**
     * @param value whether the request may be repeated after a failure
     * @return this request
     */
    public ServiceRequest idempotent(boolean value) {
        this.idempotent = value;
        return this;
    }

    /**
     * @param access which rate-limit budget the request spends (default from the method)
     * @return this request
     */
    public ServiceRequest access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }

    /**
     * Returns responses with these statuses to the caller instead of throwing, such as
     * {@code 404} for "absent" or Trakt's {@code 409} for an already-stopped scrobble.
     * An allowed {@code 401} is returned as it is, without a credential refresh.
     *
     * @param statuses HTTP statuses
     * @return this request
     */
    public ServiceRequest allowStatus(int... statuses) {
        for (int s : statuses) {
            allowed.add(s);
        }
        return this;
    }

    /**
     * @param deadline no attempt starts and no wait ends after it (overrides the client's)
     * @return this request
     */
    public ServiceRequest deadline(Instant deadline) {
        this.deadline = deadline;
        return this;
    }

    /**
     * @param token cancels waits and further attempts (overrides the client's)
     * @return this request
     */
    public ServiceRequest cancellation(CancellationToken token) {
        this.cancellation = Objects.requireNonNull(token, "token");
        return this;
    }

    /**
     * Sends no authentication headers and never refreshes on {@code 401} (OAuth token
     * endpoints, public lookups).
     *
     * @return this request
     */
    public ServiceRequest withoutAuth() {
        this.authenticate = false;
        return this;
    }

    /**
     * @param policy the retry policy for this request (overrides the client's)
     * @return this request
     */
    public ServiceRequest retry(RetryPolicy policy) {
        this.retry = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Runs the request with rate limiting, retries and the credential refresh.
     *
     * @return the response, 2xx or an allowed status
     * @throws io.crosswatch.api.ProviderException     on a failure, with the status and {@code retryable()}
     * @throws io.crosswatch.api.RateLimitedException  when still rate limited after the retries
     * @throws io.crosswatch.api.AuthException         when credentials are refused after one refresh
     * @throws io.crosswatch.api.CancelledException    when cancelled or past the deadline
     */
    public ServiceResponse send() {
        return client.execute(this);
    }

    /** @return the body decoded as {@code type}; see {@link #send()} for the errors */
    public <T> T as(Class<T> type) {
        return send().as(type);
    }

    /** @return the body decoded as {@code type}; see {@link #send()} for the errors */
    public <T> T as(TypeReference<T> type) {
        return send().as(type);
    }

    /** @return the body as a JSON tree ({@code MissingNode} when empty) */
    public JsonNode json() {
        return send().json();
    }

    /**
     * @return the body decoded as {@code type}, or empty when the service answered {@code 404}
     */
    public <T> Optional<T> asOptional(Class<T> type) {
        allowStatus(404);
        ServiceResponse r = send();
        return r.status() == 404 ? Optional.empty() : Optional.of(r.as(type));
    }

    /**
     * @return the body decoded as {@code type}, or empty when the service answered {@code 404}
     */
    public <T> Optional<T> asOptional(TypeReference<T> type) {
        allowStatus(404);
        ServiceResponse r = send();
        return r.status() == 404 ? Optional.empty() : Optional.of(r.as(type));
    }

    @Override
    public String toString() {
        return method + " " + Redactor.standard().url(target) + (query.isEmpty() ? "" : " ?" + query);
    }
}
