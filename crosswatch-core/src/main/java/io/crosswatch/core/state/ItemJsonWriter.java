package io.crosswatch.core.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.crosswatch.api.media.MediaItem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes many items one after another, each to its own string, through one generator: the same
 * text as {@link MediaItemCodec#write(MediaItem)}, without a new generator, I/O context and
 * writer per item. A first run of 100k stores 200 000 phantom rows and journals as many items,
 * where that per-item set-up was a third of the encoding's allocation. Not thread-safe; one per
 * loop. After {@link #write} throws, the generator may be inside a half-written object: drop the
 * writer, never write the next item with it.
 */
final class ItemJsonWriter implements AutoCloseable {

    private final StringWriter out = new StringWriter(256);
    private final JsonGenerator g;

    ItemJsonWriter() {
        try {
            g = MediaItemCodec.factory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a JSON generator", e);
        }
        // each item is a root value of its own string: no separator between them
        g.setRootValueSeparator(null);
    }

    /** @return the item as JSON, exactly as {@link MediaItemCodec#write(MediaItem)} writes it */
    String write(MediaItem item) {
        out.getBuffer().setLength(0);
        try {
            MediaItemCodec.writeItem(g, item);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a media item as JSON", e);
        }
        return out.toString();
    }

    /** Hands the generator's buffers back to Jackson's recycler. */
    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close a JSON generator", e);
        }
    }
}
