package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/** Streams the elements of a top-level JSON array (or an object's {@code items}, as an array or as CrossWatch's {@code {key: item}} map) one tree at a time. */
final class JsonArrays {

    /** Receives one element and its index. */
    interface ElementHandler {
        void element(JsonNode node, int index);
    }

    private JsonArrays() {
    }

    /**
     * @return {@code false} when the document is neither an array nor an object with {@code items}
     */
    static boolean each(InputStream in, ElementHandler handler) throws IOException {
        try (JsonParser p = ItemJsonCodec.MAPPER.getFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                JsonNode root = ItemJsonCodec.MAPPER.readTree(p);
                JsonNode items = root.get("items");
                if (items != null && items.isArray()) {
                    for (int i = 0; i < items.size(); i++) {
                        handler.element(items.get(i), i);
                    }
                    return true;
                }
                if (items != null && items.isObject()) {
                    // CrossWatch's state keeps items as {canonical key: item}.
                    int i = 0;
                    for (JsonNode item : items) {
                        handler.element(item, i++);
                    }
                    return true;
                }
                return false;
            }
            if (first != JsonToken.START_ARRAY) {
                return false;
            }
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new IOException("the JSON array is not closed");
                }
                JsonNode node = ItemJsonCodec.MAPPER.readTree(p);
                handler.element(node, i++);
            }
            return true;
        }
    }
}
