package io.crosswatch.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Field writers that the item formats share: the state store's camelCase rows and the local
 * tracker's snake_case rows name their fields differently but write ids and attributes alike.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * Writes {@code values} as an object of strings under {@code field}, in the map's order;
     * nothing at all when it is empty (an item without ids or attributes has no such field).
     *
     * @param g      the generator, inside an object
     * @param field  the field name
     * @param values the strings, such as an item's ids or attributes
     * @throws IOException from the generator
     */
    public static void writeStrings(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
