package io.crosswatch.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.Secret;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes tokens, API keys, passwords and OAuth codes from URLs, headers and bodies before
 * they reach a log line or an exception message.
 *
 * <p>A name is secret when {@link Secret#isSecretKey(String)} says so (anything with token,
 * secret, password, API key, session or authorization in it) or when it is one of the
 * OAuth and login names listed here ({@code code}, {@code device_code}, {@code pw},
 * {@code pin}, {@code client_id}, cookies).
 *
 * <p>Names alone do not catch a server that echoes the request back in an error body
 * ({@code "invalid token abc123"}); {@link #scrub(String, Collection)} removes known secret
 * values wherever they appear, and the toolkit applies it, with every secret it sent, to the
 * error text it puts into exception messages.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Redactor {

    /** What a removed value prints as. */
    public static final String MASK = Secret.REDACTED;

    /** Values shorter than this are not scrubbed by value: they would match ordinary text by accident. */
    public static final int MIN_SCRUB_LENGTH = 4;

    private static final Redactor STANDARD = new Redactor();
    private static final ObjectMapper JSON = new ObjectMapper();

    // clientid: SIMKL's client_id query parameter is its API key (the service identifies and
    // meters the application by it), so it is masked in logged URLs like any other API key.
    private static final Set<String> EXTRA_PARAMS = Set.of("code", "devicecode", "refreshtoken", "clientsecret",
            "pw", "pin", "sig", "signature", "key", "clientid");
    private static final Pattern CREDENTIALS_AFTER_SCHEME = Pattern.compile("^\\s*[A-Za-z][\\w-]*\\s+(\\S+)\\s*$");
    private static final Pattern QUOTED_PAIR = Pattern.compile("([\\w-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> EXTRA_HEADERS = Set.of("cookie", "setcookie", "proxyauthorization");

    private Redactor() {
    }

    /** @return the redactor the toolkit uses */
    public static Redactor standard() {
        return STANDARD;
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /**
     * @param name a query, form or JSON key
     * @return whether its value must be hidden
     */
    public boolean isSecretParam(String name) {
        return Secret.isSecretKey(name) || EXTRA_PARAMS.contains(normalize(name));
    }

    /**
     * @param name a header name
     * @return whether its value must be hidden
     */
    public boolean isSecretHeader(String name) {
        return Secret.isSecretKey(name) || EXTRA_HEADERS.contains(normalize(name));
    }

    /**
     * @param name  a header name
     * @param value its value
     * @return the value, or {@link #MASK} for secret headers
     */
    public String header(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }

    /**
     * @param url an absolute or relative URL
     * @return the URL with the values of secret query parameters and any user info replaced
     */
    public String url(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        int scheme = out.indexOf("://");
        if (scheme >= 0) {
            int hostStart = scheme + 3;
            int pathStart = indexOfAny(out, hostStart, '/', '?', '#');
            int at = out.lastIndexOf('@', pathStart < 0 ? out.length() - 1 : pathStart - 1);
            if (at >= hostStart) {
                out = out.substring(0, hostStart) + MASK + out.substring(at);
            }
        }
        int q = out.indexOf('?');
        if (q < 0) {
            return out;
        }
        int hash = out.indexOf('#', q);
        String query = hash < 0 ? out.substring(q + 1) : out.substring(q + 1, hash);
        String tail = hash < 0 ? "" : out.substring(hash);
        return out.substring(0, q + 1) + form(query) + tail;
    }

    /**
     * @param form an {@code application/x-www-form-urlencoded} text (or a raw query string)
     * @return the text with the values of secret parameters replaced
     */
    public String form(String form) {
        StringBuilder sb = new StringBuilder(form.length());
        for (String pair : form.split("&", -1)) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            if (eq >= 0 && isSecretParam(name)) {
                sb.append(rawName).append('=').append(MASK);
            } else {
                sb.append(pair);
            }
        }
        return sb.toString();
    }

    /**
     * @param json a JSON text
     * @return the JSON with the values of secret keys replaced at any depth; text that is not
     *         JSON comes back as a note of its length, since it cannot be checked
     */
    public String json(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                return "";
            }
            return JSON.writeValueAsString(redact(node));
        } catch (IOException e) {
            return "<" + json.length() + " characters of non-JSON text>";
        }
    }

    /**
     * @param node a JSON tree (not changed)
     * @return a copy with the values of secret keys replaced at any depth
     */
    public JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                copy.set(f.getKey(), isSecretParam(f.getKey()) && !f.getValue().isNull()
                        ? TextNode.valueOf(MASK) : redact(f.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(redact(n)));
            return copy;
        }
        return node;
    }

    /**
     * Removes every occurrence of the given secret values from a text, however the text came
     * to contain them (a server echoing the request, an exception quoting its input). Longer
     * values are replaced first so that a secret containing another is masked whole.
     *
     * @param text    any text; {@code null} comes back as {@code null}
     * @param secrets the values to remove; blank values and values shorter than
     *                {@value #MIN_SCRUB_LENGTH} characters are skipped
     * @return the text with each occurrence replaced by {@link #MASK}
     */
    public String scrub(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets.stream().filter(v -> v != null && v.strip().length() >= MIN_SCRUB_LENGTH)
                .map(String::strip).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * The secret values inside a secret header's value: the value itself, the credentials
     * after an authentication scheme ({@code Bearer abc} gives {@code abc}) and the values of
     * secret-named quoted pairs ({@code MediaBrowser Client="x", Token="abc"} gives {@code abc}).
     *
     * @param name  the header name
     * @param value its value
     * @return the secret values to scrub; empty when the header is not secret
     */
    public Set<String> secretValuesOfHeader(String name, String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null || !isSecretHeader(name)) {
            return out;
        }
        out.add(value);
        Matcher scheme = CREDENTIALS_AFTER_SCHEME.matcher(value);
        if (scheme.matches()) {
            out.add(scheme.group(1));
        }
        Matcher pair = QUOTED_PAIR.matcher(value);
        while (pair.find()) {
            if (isSecretParam(pair.group(1))) {
                out.add(pair.group(2));
            }
        }
        return out;
    }

    /**
     * @param node a JSON tree
     * @param into receives the text of every value held under a secret key, at any depth
     */
    public void collectSecretValues(JsonNode node, Collection<String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (isSecretParam(f.getKey()) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                    into.add(f.getValue().asText());
                } else {
                    collectSecretValues(f.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectSecretValues(n, into));
        }
    }

    private static int indexOfAny(String s, int from, char... chars) {
        for (int i = from; i < s.length(); i++) {
            for (char c : chars) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
        }
        return -1;
    }
}
