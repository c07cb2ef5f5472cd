package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.faults.FaultSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Jellyfin or Emby under the fault matrix: history, read as the paged library listing
 * ({@code StartIndex}/{@code Limit}, {@value #PAGE_SIZE} items a page) with each item's user data;
 * a removal is a {@code DELETE} of the item's played mark.
 */
public final class MediaServerFaultSubject implements FaultSubject {

    private static final int PAGE_SIZE = 3;
    private static final Instant WATCHED = Instant.parse("2026-01-01T00:00:00Z");

    private final String name;
    private final FakeMediaServer fake;
    private final String itemsPath;
    private final Function<HttpToolkit, Connector> connector;
    private final TreeSet<Integer> known = new TreeSet<>();

    private MediaServerFaultSubject(String name, FakeMediaServer fake, String itemsPath,
                                    Function<HttpToolkit, Connector> connector) {
        this.name = name;
        this.fake = fake;
        this.itemsPath = itemsPath;
        this.connector = connector;
    }

    /** @return Jellyfin 10.10 (user-less routes: {@code /Items?userId=…}) */
    public static MediaServerFaultSubject jellyfin() {
        return new MediaServerFaultSubject("Jellyfin", FakeMediaServer.jellyfin("10.10.7"), "/Items", JellyfinConnector::new);
    }

    /** @return Emby 4.8 ({@code /emby/Users/{id}/Items}) */
    public static MediaServerFaultSubject emby() {
        return new MediaServerFaultSubject("Emby", FakeMediaServer.emby(), "/emby/Users/" + FakeMediaServer.USER_ID + "/Items",
                EmbyConnector::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Feature feature() {
        return Feature.HISTORY;
    }

    @Override
    public OptionalInt pageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    public List<Extension> extensions() {
        return List.of(fake);
    }

    @Override
    public void reset(WireMockServer server) {
        fake.reset();
        known.clear();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    @Override
    public Connector connector(HttpToolkit toolkit) {
        return connector.apply(toolkit);
    }

    @Override
    public ProviderConfig config(String baseUrl) {
        return ProviderConfig.of(name.toLowerCase(java.util.Locale.ROOT), ProviderConfig.DEFAULT_INSTANCE, Map.of("baseUrl", baseUrl,
                "accessToken", FakeMediaServer.TOKEN, "userId", FakeMediaServer.USER_ID,
                "deviceId", "c1f0a5d2-0000-4000-8000-000000000001", "pageSize", PAGE_SIZE));
    }

    @Override
    public List<String> secrets() {
        return List.of(FakeMediaServer.TOKEN);
    }

    @Override
    public void seed(int n) {
        FakeMediaServer.Item it = movie(n);
        it.played = true;
        it.playCount = 1;
        it.lastPlayed = watched(n);
    }

    @Override
    public void prepareForAdd(int n) {
        movie(n);
    }

    private FakeMediaServer.Item movie(int n) {
        known.add(n);
        return fake.movie(id(n), "Movie " + n, 2000 + n % 20, "Tmdb", String.valueOf(100000 + n));
    }

    private static String id(int n) {
        return String.format("%032x", 0xa000L + n);
    }

    private static Instant watched(int n) {
        return WATCHED.minusSeconds(3600L * n);
    }

    @Override
    public MediaItem item(int n) {
        return MediaItem.builder(MediaType.MOVIE).title("Movie " + n).year(2000 + n % 20)
                .ids(MediaIds.of("tmdb", String.valueOf(100000 + n))).watchedAt(watched(n)).build();
    }

    @Override
    public OptionalInt number(MediaItem item) {
        return item.ids().get("tmdb").map(id -> OptionalInt.of(Integer.parseInt(id) - 100000)).orElse(OptionalInt.empty());
    }

    @Override
    public List<Integer> serviceNumbers() {
        List<Integer> out = new ArrayList<>();
        for (int n : known) {
            if (fake.item(id(n)).played) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public MappingBuilder readRequest(int page) {
        return get(urlPathEqualTo(itemsPath)).withQueryParam("StartIndex", equalTo(String.valueOf((page - 1) * PAGE_SIZE)));
    }

    @Override
    public ResponseDefinitionBuilder emptyPage(int page) {
        return okJson("{\"Items\":[],\"TotalRecordCount\":" + seedCount(true) + ",\"StartIndex\":" + (page - 1) * PAGE_SIZE + "}");
    }

    @Override
    public ResponseDefinitionBuilder truncatedPage(int page) {
        return okJson("{\"Items\":[{\"Name\":\"Movie 4\",\"Id\":\"" + id(4) + "\",\"Type\":\"Movie\",\"ProviderIds\":{\"Tm");
    }

    @Override
    public boolean isRemoval(LoggedRequest request) {
        return request.getMethod().getName().equals("DELETE") && request.getUrl().contains("PlayedItems/");
    }
}
