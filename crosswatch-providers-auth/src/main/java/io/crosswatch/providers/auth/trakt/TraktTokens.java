package io.crosswatch.providers.auth.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.AuthException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Trakt token response ({@code access_token}, {@code refresh_token}, {@code created_at},
 * {@code expires_in}), the same shape from the device token, code exchange and refresh calls.
 *
 * @param accessToken  the bearer token
 * @param refreshToken the single-use refresh token
 * @param createdAt    when Trakt issued the pair
 * @param expiresIn    the access token's lifetime in seconds, as Trakt said (never assumed)
 */
record TraktTokens(String accessToken, String refreshToken, Instant createdAt, long expiresIn) {

    /** The config keys the pair is persisted under. */
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_IN = "expiresIn";
    static final String EXPIRES_AT = "expiresAt";

    /**
     * @param body     the token response
     * @param fallback when the response lacks {@code created_at}
     * @return the tokens
     * @throws AuthException when the response lacks a token
     */
    static TraktTokens parse(JsonNode body, Instant fallback) {
        String access = body.path("access_token").asText("");
        String refresh = body.path("refresh_token").asText("");
        if (access.isBlank() || refresh.isBlank()) {
            throw new AuthException("trakt", "the token response carries no access or refresh token; connect again");
        }
        Instant created = body.path("created_at").canConvertToLong()
                ? Instant.ofEpochSecond(body.path("created_at").asLong()) : fallback;
        long expiresIn = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong() : 0;
        return new TraktTokens(access, refresh, created, expiresIn);
    }

    /** @return when the access token expires: {@code created_at + expires_in} */
    Instant expiresAt() {
        return createdAt.plusSeconds(expiresIn);
    }

    /** @return the config changes persisting both tokens and their lifetime together */
    Map<String, Object> asConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ACCESS_TOKEN, accessToken);
        m.put(REFRESH_TOKEN, refreshToken);
        m.put(CREATED_AT, createdAt.getEpochSecond());
        m.put(EXPIRES_IN, expiresIn);
        m.put(EXPIRES_AT, expiresAt().toString());
        return m;
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "TraktTokens[createdAt=" + createdAt + ", expiresIn=" + expiresIn + "]";
    }
}
