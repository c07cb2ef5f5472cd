package io.crosswatch.core.http;

import io.crosswatch.api.Api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ordered name/value pairs for a URL query string or an {@code x-www-form-urlencoded} body.
 * Immutable; {@link #with(String, Object)} returns a copy. Names may repeat. Values are
 * converted with {@link String#valueOf(Object)}; a {@code null} value is skipped so optional
 * parameters can be passed as they are.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Query {

    private static final Query EMPTY = new Query(List.of());

    /**
     * One parameter.
     *
     * @param name  the name, not encoded
     * @param value the value, not encoded
     */
    public record Param(String name, String value) {
        /** @throws NullPointerException when either part is null */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Param> params;

    private Query(List<Param> params) {
        this.params = params;
    }

    /** @return no parameters */
    public static Query empty() {
        return EMPTY;
    }

    /**
     * @param namesAndValues alternating names and values: {@code "page", 1, "limit", 250}
     * @return the parameters in order
     * @throws IllegalArgumentException on an odd count or a non-text name
     */
    public static Query of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Query.of needs name/value pairs, got " + namesAndValues.length + " arguments");
        }
        Query q = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("query parameter name at position " + i + " is not text");
            }
            q = q.with(name, namesAndValues[i + 1]);
        }
        return q;
    }

    /**
     * @param map names to values, in the map's order
     * @return the parameters
     */
    public static Query of(Map<String, ?> map) {
        Query q = EMPTY;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            q = q.with(e.getKey(), e.getValue());
        }
        return q;
    }

    /**
     * @param name  the name
     * @param value the value; {@code null} leaves the query unchanged
     * @return a copy with the parameter appended
     */
    public Query with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            return this;
        }
        List<Param> copy = new ArrayList<>(params.size() + 1);
        copy.addAll(params);
        copy.add(new Param(name, String.valueOf(value)));
        return new Query(Collections.unmodifiableList(copy));
    }

    /**
     * @param name  the name
     * @param value the value; {@code null} removes the parameter
     * @return a copy where {@code name} appears once, with {@code value}, in place of any earlier values
     */
    public Query set(String name, Object value) {
        List<Param> copy = new ArrayList<>(params.size() + 1);
        for (Param p : params) {
            if (!p.name().equals(name)) {
                copy.add(p);
            }
        }
        Query q = new Query(Collections.unmodifiableList(copy));
        return q.with(name, value);
    }

    /**
     * @param other more parameters
     * @return a copy with {@code other}'s parameters appended
     */
    public Query and(Query other) {
        if (other.params.isEmpty()) {
            return this;
        }
        List<Param> copy = new ArrayList<>(params);
        copy.addAll(other.params);
        return new Query(Collections.unmodifiableList(copy));
    }

    /** @return the first value of {@code name} */
    public Optional<String> first(String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst();
    }

    /** @return the parameters in order */
    public List<Param> params() {
        return params;
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** @return the parameters with secret values replaced, see {@link Redactor} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Param p : params) {
            sb.append(sb.length() == 0 ? "" : "&").append(p.name()).append('=')
                    .append(Redactor.standard().isSecretParam(p.name()) ? Redactor.MASK : p.value());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && q.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }
}
