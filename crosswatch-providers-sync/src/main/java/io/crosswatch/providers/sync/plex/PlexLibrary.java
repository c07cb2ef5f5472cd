package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a server's movie and show sections ({@code /library/sections}, then
 * {@code /library/sections/{id}/all} with {@code type} 1, 2 and 4, {@code includeGuids=1}, paged)
 * into a {@link LibraryIndex}. A section that fails is recorded as a problem, so the read is
 * partial rather than an empty library.
 */
final class PlexLibrary {

    /** The library as read: the index and the sections that could not be read. */
    record Snapshot(LibraryIndex index, List<String> problems) {
        boolean complete() {
            return problems.isEmpty();
        }
    }

    private static final int TYPE_MOVIE = 1;
    private static final int TYPE_SHOW = 2;
    private static final int TYPE_EPISODE = 4;

    private final ServiceClient pms;
    private final ProviderConfig cfg;
    private final CancellationToken cancellation;
    private final int pageSize;

    PlexLibrary(ServiceClient pms, ProviderConfig cfg, CancellationToken cancellation) {
        this.pms = pms;
        this.cfg = cfg;
        this.cancellation = cancellation;
        this.pageSize = (int) Math.max(1, Math.min(1000, cfg.number(PlexKeys.PAGE_SIZE, 200)));
    }

    /**
     * @return the library of the selected sections
     * @throws CrossWatchException when the section list cannot be read or a configured library does not exist
     */
    Snapshot read() {
        List<JsonNode> sections = selectedSections();
        List<PlexRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode section : sections) {
            cancellation.throwIfCancelled();
            String id = section.path("key").asText();
            String title = section.path("title").asText(id);
            try {
                if (section.path("type").asText().equals("movie")) {
                    rows.addAll(items(id, TYPE_MOVIE, k -> MediaIds.empty()));
                } else {
                    List<PlexRow> shows = items(id, TYPE_SHOW, k -> MediaIds.empty());
                    Map<String, MediaIds> showIds = new HashMap<>();
                    shows.forEach(s -> showIds.put(s.ratingKey(), s.ids()));
                    rows.addAll(shows);
                    rows.addAll(items(id, TYPE_EPISODE, k -> showIds.getOrDefault(k, MediaIds.empty())));
                }
            } catch (CancelledException e) {
                throw e;
            } catch (CrossWatchException e) {
                problems.add("library '" + title + "' could not be read: " + e.getMessage());
            }
        }
        return new Snapshot(new LibraryIndex(rows), List.copyOf(problems));
    }

    private List<PlexRow> items(String sectionId, int type, java.util.function.Function<String, MediaIds> showIds) {
        PagedItems<JsonNode> pages = Paging.plex(pms, "/library/sections/" + sectionId + "/all",
                Query.of("type", type, "includeGuids", 1), pageSize, "Metadata", JsonNode.class);
        List<PlexRow> out = new ArrayList<>();
        while (pages.hasNext()) {
            cancellation.throwIfCancelled();
            PlexRow row = PlexRow.of(pages.next(), showIds);
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }

    private List<JsonNode> selectedSections() {
        JsonNode container = pms.get("/library/sections", Query.empty()).path("MediaContainer");
        if (!container.isObject()) {
            // A server with no libraries still answers with a MediaContainer; without one this is
            // not Plex talking (a proxy's page, say), and "no sections" would read as an empty library.
            throw new ProviderException("plex", false, "GET /library/sections answered without a MediaContainer; "
                    + "check that baseUrl points at the Plex Media Server");
        }
        JsonNode dirs = container.path("Directory");
        List<JsonNode> video = new ArrayList<>();
        for (JsonNode d : dirs) {
            String type = d.path("type").asText();
            if (type.equals("movie") || type.equals("show")) {
                video.add(d);
            }
        }
        List<String> wanted = cfg.strings(PlexKeys.LIBRARIES);
        if (wanted.isEmpty()) {
            return video;
        }
        Set<JsonNode> picked = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            String want = w.trim().toLowerCase(Locale.ROOT);
            List<JsonNode> hits = video.stream().filter(d -> d.path("key").asText().equals(want)
                    || d.path("title").asText().toLowerCase(Locale.ROOT).equals(want)).toList();
            if (hits.isEmpty()) {
                missing.add(w);
            }
            picked.addAll(hits);
        }
        if (!missing.isEmpty()) {
            List<String> available = video.stream().map(d -> d.path("title").asText() + " (" + d.path("key").asText() + ")")
                    .toList();
            throw new ConfigException(cfg.path() + "." + PlexKeys.LIBRARIES, "no movie or show library " + missing
                    + " on the server; available: " + available);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode d : video) {
            if (picked.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
