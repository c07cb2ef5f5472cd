package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crosswatch.api.media.Feature;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the common item JSON shape element by element (bounded memory), each item under its
 * declared {@code feature} or, without one, the feature its payload implies.
 */
public final class ItemJsonImporter {

    private ItemJsonImporter() {
    }

    /**
     * @param in      the JSON (not closed here)
     * @param display the file name for problems
     * @param ctx     where items and problems go
     */
    public static void read(InputStream in, String display, ImportContext ctx) throws IOException {
        try {
            boolean ok = JsonArrays.each(in, (node, i) -> {
                String path = "$[" + i + "]";
                ItemJsonCodec.Parsed p = ItemJsonCodec.fromNode(node, path, (where, reason) -> ctx.problem(display, 0, where, reason));
                if (p == null) {
                    ctx.skip(display, 0, path, "item skipped (see the problem above)");
                    return;
                }
                Feature f = p.feature() != null ? p.feature() : ItemJsonCodec.inferFeature(p.item());
                ctx.item(f, p.item());
            });
            if (!ok) {
                ctx.skip(display, 0, "$", "expected a JSON array of items");
            }
        } catch (JsonProcessingException e) {
            ctx.skip(display, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "malformed JSON: " + e.getOriginalMessage() + "; the rest of this file was not read");
        }
    }
}
