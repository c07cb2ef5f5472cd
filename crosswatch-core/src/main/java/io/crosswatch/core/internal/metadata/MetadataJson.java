package io.crosswatch.core.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of {@link Metadata} in the cache; every field round-trips. */
public final class MetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataJson() {
    }

    /** @return the metadata as compact JSON */
    public static String write(Metadata m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", m.type().key());
        ObjectNode ids = o.putObject("ids");
        m.ids().values().forEach(ids::put);
        m.title().ifPresent(v -> o.put("title", v));
        m.overview().ifPresent(v -> o.put("overview", v));
        m.year().ifPresent(v -> o.put("year", v));
        m.locale().ifPresent(v -> o.put("locale", v));
        m.source().ifPresent(v -> o.put("source", v));
        ObjectNode images = o.putObject("images");
        for (Map.Entry<ImageKind, List<Image>> e : new TreeMap<>(m.images()).entrySet()) {
            ArrayNode list = images.putArray(e.getKey().name());
            for (Image i : e.getValue()) {
                ObjectNode n = list.addObject().put("url", i.url()).put("w", i.w()).put("h", i.h());
                if (i.lang() != null) {
                    n.put("lang", i.lang());
                }
            }
        }
        return o.toString();
    }

    /**
     * @return the metadata read back
     * @throws UncheckedIOException when the text is not JSON
     * @throws IllegalArgumentException when a value is invalid (an unknown type, a bad image)
     */
    public static Metadata read(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cached metadata is not JSON", e);
        }
        Map<String, String> ids = new TreeMap<>();
        o.path("ids").properties().forEach(e -> ids.put(e.getKey(), e.getValue().asText()));
        Metadata.Builder b = Metadata.builder(MediaType.fromKey(o.path("type").asText()))
                .ids(new MediaIds(ids))
                .title(text(o, "title"))
                .overview(text(o, "overview"))
                .year(o.path("year").isNumber() ? o.path("year").asInt() : null)
                .locale(text(o, "locale"))
                .source(text(o, "source"));
        o.path("images").properties().forEach(e -> {
            ImageKind kind = ImageKind.valueOf(e.getKey());
            for (JsonNode n : e.getValue()) {
                b.image(kind, new Image(n.path("url").asText(), n.path("w").asInt(), n.path("h").asInt(),
                        text(n, "lang")));
            }
        });
        return b.build();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        return n.isTextual() ? n.asText() : null;
    }
}
