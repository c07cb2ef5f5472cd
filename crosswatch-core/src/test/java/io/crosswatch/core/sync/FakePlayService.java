package io.crosswatch.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.media.MediaItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The service behind {@link PagedServiceConnector}, kept as a list of plays (duplicates allowed,
 * as a real tracker keeps them) and served by WireMock stubs. {@link #absorbWrites()} replays the
 * add/remove requests from WireMock's journal into the list and re-stubs the pages, so the fake
 * behaves like a stateful service while every request stays on record.
 */
final class FakePlayService {

    static final int PAGE_SIZE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension wm;
    private final List<MediaItem> plays = new ArrayList<>();
    private int absorbed;
    private int removalRequests;

    FakePlayService(WireMockExtension wm, List<MediaItem> initial) {
        this.wm = wm;
        plays.addAll(initial);
    }

    List<MediaItem> plays() {
        return List.copyOf(plays);
    }

    /** @return removal requests the service received so far */
    int removalRequests() {
        return removalRequests;
    }

    /** Stubs writes and every page of the current list (priority 5; faults use 1 to win). */
    void stubHealthy() {
        wm.resetAll();
        absorbed = 0;
        wm.stubFor(post(urlPathEqualTo("/plays/add")).atPriority(5).willReturn(okJson("{\"ok\":true}")));
        wm.stubFor(post(urlPathEqualTo("/plays/remove")).atPriority(5).willReturn(okJson("{\"ok\":true}")));
        int pages = Math.max(1, (plays.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        for (int p = 1; p <= pages; p++) {
            wm.stubFor(get(urlPathEqualTo("/plays")).withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock
                    .equalTo(String.valueOf(p))).atPriority(5).willReturn(okJson(page(p, pages).toString())));
        }
    }

    ObjectNode page(int p, int pages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("page", p);
        body.put("total_pages", pages);
        body.put("total_results", plays.size());
        ArrayNode results = body.putArray("results");
        plays.subList(Math.min(plays.size(), (p - 1) * PAGE_SIZE), Math.min(plays.size(), p * PAGE_SIZE))
                .forEach(i -> results.add(PagedServiceConnector.toJson(i)));
        return body;
    }

    /** Applies the writes WireMock recorded since the last call, in order, then re-stubs the pages. */
    void absorbWrites() {
        List<LoggedRequest> adds = wm.findAll(postRequestedFor(urlPathEqualTo("/plays/add")));
        List<LoggedRequest> removes = wm.findAll(postRequestedFor(urlPathEqualTo("/plays/remove")));
        List<LoggedRequest> all = new ArrayList<>(adds);
        all.addAll(removes);
        all.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        for (LoggedRequest r : all.subList(Math.min(absorbed, all.size()), all.size())) {
            boolean add = r.getUrl().startsWith("/plays/add");
            if (!add) {
                removalRequests++;
            }
            for (JsonNode n : body(r).path("plays")) {
                MediaItem play = PagedServiceConnector.fromJson(n);
                if (add) {
                    plays.add(play);
                } else {
                    plays.remove(play);
                }
            }
        }
        absorbed = all.size();
        stubHealthy();
    }

    private static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
