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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes tokens, API keys, passwords and OAuth codes from URLs, headers and bodies before
 * they reach a log line or an exception message.
 *
 * <p>A name is secret when {@link Secret#isSecretKey(String)} says so (anything with token,
 * secret, password, API key, session or authorization in it) or when it is one of the
 * OAuth and login names listed here ({@code code}, {@code device_code}, {@code pw},
 * {@code pin}, cookies).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Redactor {

    /** What a removed value prints as. */
    public static final String MASK = Secret.REDACTED;

    private static final Redactor STANDARD = new Redactor();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> EXTRA_PARAMS = Set.of("code", "devicecode", "refreshtoken", "clientsecret",
            "pw", "pin", "sig", "signature", "key");
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
