package io.crosswatch.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * A complete response: status, headers and the body, already read. Returned when a caller
 * needs more than the decoded body (paging headers, an allowed error status).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ServiceResponse {

    private final String provider;
    private final String endpoint;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int attempts;
    private final ObjectMapper mapper;
    private final java.util.function.Supplier<Set<String>> sentSecrets;
    private Set<String> sentSecretsResolved;

    ServiceResponse(String provider, String endpoint, int status, Map<String, List<String>> headers, byte[] body,
                    int attempts, ObjectMapper mapper) {
        this(provider, endpoint, status, headers, body, attempts, mapper, Set::of);
    }

    /** @param sentSecrets computes, only when text is redacted, the secret values the request carried */
    ServiceResponse(String provider, String endpoint, int status, Map<String, List<String>> headers, byte[] body,
                    int attempts, ObjectMapper mapper, java.util.function.Supplier<Set<String>> sentSecrets) {
        this.sentSecrets = sentSecrets;
        this.provider = provider;
        this.endpoint = endpoint;
        this.status = status;
        TreeMap<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        this.headers = java.util.Collections.unmodifiableMap(sorted);
        this.body = body;
        this.attempts = attempts;
        this.mapper = mapper;
    }

    /** @return the provider that answered */
    public String provider() {
        return provider;
    }

    /** @return the method and path with secrets removed, such as {@code GET /sync/watchlist/movies} */
    public String endpoint() {
        return endpoint;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return whether the status is 2xx */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** @return how many attempts it took (1 when the first one answered) */
    public int attempts() {
        return attempts;
    }

    /** @return every header, names case-insensitive */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the first value of the header */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** @return the header as a whole number, empty when absent or not a number */
    public OptionalLong headerLong(String name) {
        Optional<String> v = header(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** @return the raw body (a copy) */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Makes text taken from this response safe for a message or a log line: removes every
     * secret the request carried (tokens, passwords, API keys, client ids in its headers,
     * query, form or JSON body, and the secret values of the configuration it was
     * authenticated with). Use it on anything quoted from the body, since a server may echo
     * the request back ({@code "invalid token abc123"}).
     *
     * @param text text quoted from this response (an error field, a snippet of the body)
     * @return the text with those secrets replaced by {@link Redactor#MASK}
     */
    public String redact(String text) {
        Set<String> secrets;
        synchronized (this) {
            if (sentSecretsResolved == null) {
                sentSecretsResolved = Set.copyOf(sentSecrets.get());
            }
            secrets = sentSecretsResolved;
        }
        return Redactor.standard().scrub(text, secrets);
    }

    /** @return whether the body is empty or blank */
    public boolean hasEmptyBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the body as a JSON tree; {@link MissingNode} when the body is empty
     * @throws ProviderException naming provider and endpoint when the body is not JSON
     */
    public JsonNode json() {
        if (hasEmptyBody()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * @param type the target type
     * @param <T>  the type
     * @return the decoded body
     * @throws ProviderException naming provider and endpoint when the body is empty, not JSON
     *                           or does not fit the type
     */
    public <T> T as(Class<T> type) {
        return as(mapper.constructType(type));
    }

    /**
     * @param type the target type, such as {@code new TypeReference<List<Item>>() {}}
     * @param <T>  the type
     * @return the decoded body
     * @throws ProviderException naming provider and endpoint when the body is empty, not JSON
     *                           or does not fit the type
     */
    public <T> T as(TypeReference<T> type) {
        return as(mapper.getTypeFactory().constructType(type));
    }

    <T> T as(JavaType type) {
        if (type.getRawClass() == JsonNode.class) {
            @SuppressWarnings("unchecked")
            T node = (T) json();
            return node;
        }
        if (hasEmptyBody()) {
            throw new ProviderException(provider, status, false, endpoint + " returned an empty body where JSON was expected", null);
        }
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private ProviderException malformed(IOException e) {
        // Jackson's own message quotes the offending text, which could be a secret; keep only
        // the location and the kind of problem.
        String where = "";
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            where = " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        return new ProviderException(provider, status, false, endpoint + " returned malformed JSON" + where
                + " (" + e.getClass().getSimpleName() + ", HTTP " + status + ", " + body.length + " bytes)", null);
    }

    @Override
    public String toString() {
        return "ServiceResponse[" + provider + " " + endpoint + " -> " + status + ", " + body.length + " bytes]";
    }
}
