package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run against a Jellyfin or Emby server. The library is scanned once (all features derive
 * from the same listing of movies, series and episodes with their user data); a write marks the
 * scan stale so the next read lists again, while later writes keep using the scan's index
 * (item identity does not change by writing user data). The server version is probed once to
 * choose between Jellyfin 10.9's user-less routes and the legacy {@code /Users/{id}/…} ones.
 */
final class MediaBrowserSession implements ConnectorSession {

    private static final Set<String> LIBRARY_KINDS = Set.of(LibraryItem.MOVIE, LibraryItem.SERIES, LibraryItem.EPISODE);
    private static final int SERIES_BATCH = 50;
    /** Two play dates this close are the same play (servers round to seconds or ticks). */
    private static final Duration SAME_PLAY = Duration.ofSeconds(60);

    private final ServerFlavor flavor;
    private final ProviderContext context;
    private final ServiceClient client;
    private final ConnectorSettings settings;
    private final Playlists playlists;
    private final Map<String, LibraryItem> seriesCache = new HashMap<>();
    private Routes routes;
    private Library library;
    private boolean stale;

    MediaBrowserSession(ServerFlavor flavor, ProviderContext context, ServiceClient client, ConnectorSettings settings) {
        this.flavor = flavor;
        this.context = context;
        this.client = client;
        this.settings = settings;
        this.playlists = new Playlists(flavor, client, this);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public ReadResult read(ReadRequest request) {
        Feature feature = request.feature();
        context.cancellation().throwIfCancelled();
        try {
            if (feature == Feature.PLAYLISTS) {
                return playlists.read(settings.watchlistPlaylist(), false);
            }
            if (feature == Feature.WATCHLIST && settings.watchlistPlaylist() != null) {
                return playlists.read(settings.watchlistPlaylist(), true);
            }
            return readLibrary(feature);
        } catch (CancelledException | AuthException | ConfigException e) {
            throw e;
        } catch (CrossWatchException e) {
            return ReadResult.failed("reading " + feature.key() + " from " + flavor.label() + " failed: " + e.getMessage());
        }
    }

    private ReadResult readLibrary(Feature feature) {
        Library lib = library();
        List<MediaItem> items = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (LibraryItem li : lib.items()) {
            if (!holds(feature, li)) {
                continue;
            }
            MediaItem item = withPayload(feature, toMediaItem(li, null), li);
            Optional<String> why = unresolvedReason(li);
            if (why.isPresent()) {
                unresolved.add(new Unresolved(item, why.get()));
            } else {
                items.add(item);
            }
        }
        return ReadResult.complete(items).withUnresolved(unresolved);
    }

    /** Whether the user's data on an item puts it in the feature's inventory. */
    private static boolean holds(Feature feature, LibraryItem li) {
        LibraryItem.UserData ud = li.userData();
        String kind = li.kind();
        boolean video = kind.equals(LibraryItem.MOVIE) || kind.equals(LibraryItem.EPISODE);
        return switch (feature) {
            case WATCHLIST -> ud.favorite() && (kind.equals(LibraryItem.MOVIE) || kind.equals(LibraryItem.SERIES));
            case HISTORY -> ud.played() && video;
            case RATINGS -> ud.rating() != null && ud.rating() >= 0.5;
            case PROGRESS -> video && !ud.played() && ud.positionTicks() > 0;
            case PLAYLISTS -> false;
        };
    }

    private static MediaItem withPayload(Feature feature, MediaItem item, LibraryItem li) {
        LibraryItem.UserData ud = li.userData();
        return switch (feature) {
            case HISTORY -> item.toBuilder().watchedAt(ud.lastPlayed()).build();
            case RATINGS -> item.toBuilder().rating((int) Math.max(1, Math.min(10, Math.round(ud.rating())))).build();
            case PROGRESS -> item.toBuilder().playback(new Playback(
                    Duration.ofMillis(ud.positionTicks() / LibraryItem.TICKS_PER_MILLI),
                    Duration.ofMillis(Math.max(0, li.runtimeTicks()) / LibraryItem.TICKS_PER_MILLI),
                    // Unknown update time reads as the oldest possible, so a dated resume point elsewhere wins.
                    ud.lastPlayed() != null ? ud.lastPlayed() : Instant.EPOCH)).build();
            default -> item;
        };
    }

    /**
     * @param li   a movie, series or episode
     * @param list the playlist it was read from, or {@code null}
     * @return the item as the SDK describes it (the server's item id kept as an attribute)
     */
    MediaItem toMediaItem(LibraryItem li, String list) {
        MediaItem.Builder b;
        if (li.kind().equals(LibraryItem.EPISODE)) {
            b = MediaItem.builder(MediaType.EPISODE).showIds(seriesIds(li.seriesId())).showTitle(li.seriesName())
                    .season(li.season() == null ? 0 : li.season()).episode(li.episode() == null ? 0 : li.episode());
        } else {
            b = MediaItem.builder(li.kind().equals(LibraryItem.SERIES) ? MediaType.SHOW : MediaType.MOVIE).year(li.year());
        }
        b.ids(li.ids()).title(li.name()).list(list).attribute(flavor.provider() + ".itemId", li.id());
        if (li.playlistEntryId() != null) {
            b.attribute(flavor.provider() + ".playlistEntryId", li.playlistEntryId());
        }
        return b.build();
    }

    /** @return why an item cannot be matched with other services, or empty when it can */
    Optional<String> unresolvedReason(LibraryItem li) {
        if (li.kind().equals(LibraryItem.EPISODE)) {
            if (li.season() == null || li.episode() == null) {
                return Optional.of("the episode has no season or episode number on " + flavor.label());
            }
            if (li.ids().isEmpty() && seriesIds(li.seriesId()).isEmpty()) {
                return Optional.of("neither the episode nor its series has external ids (ProviderIds) on " + flavor.label()
                        + "; identify the series on the server");
            }
            return Optional.empty();
        }
        return li.ids().isEmpty() ? Optional.of("no external ids (ProviderIds has no Imdb, Tmdb or Tvdb id) on "
                + flavor.label() + "; identify the item on the server") : Optional.empty();
    }

    private MediaIds seriesIds(String seriesId) {
        return knownSeries(seriesId).map(LibraryItem::ids).orElse(MediaIds.empty());
    }

    /** @return a series seen by the scan or fetched before */
    Optional<LibraryItem> knownSeries(String seriesId) {
        if (seriesId == null) {
            return Optional.empty();
        }
        LibraryItem s = library != null ? library.series(seriesId).orElse(null) : null;
        return Optional.ofNullable(s != null ? s : seriesCache.get(seriesId));
    }

    /** The library scan, listed again after a write. */
    private Library library() {
        if (library == null || stale) {
            library = scan();
            stale = false;
        }
        return library;
    }

    /** The index for writes: the current scan even when a write has made its user data stale. */
    Library index() {
        return library != null ? library : library();
    }

    private Library scan() {
        Routes r = routes();
        Query query = r.user().and(Query.of("Recursive", "true", "IncludeItemTypes", "Movie,Series,Episode",
                "Fields", flavor.listFields(), "EnableUserData", "true", "SortBy", "SortName", "SortOrder", "Ascending"));
        Map<String, LibraryItem> byId = new LinkedHashMap<>();
        for (String parent : libraryIds(r)) {
            PagedItems<JsonNode> pages = Paging.startIndex(client, r.items(),
                    parent == null ? query : query.set("ParentId", parent), settings.pageSize(), JsonNode.class);
            while (pages.hasNext()) {
                LibraryItem li = LibraryItem.parse(pages.next());
                // The type filter is checked, not trusted: a server may ignore it.
                if (LIBRARY_KINDS.contains(li.kind()) && !li.id().isEmpty()) {
                    byId.putIfAbsent(li.id(), li);
                }
            }
        }
        Map<String, LibraryItem> series = new HashMap<>(seriesCache);
        Set<String> wanted = new LinkedHashSet<>();
        for (LibraryItem li : byId.values()) {
            if (li.kind().equals(LibraryItem.SERIES)) {
                series.put(li.id(), li);
            } else if (li.kind().equals(LibraryItem.EPISODE) && li.seriesId() != null) {
                wanted.add(li.seriesId());
            }
        }
        wanted.removeAll(series.keySet());
        fetchSeries(wanted);
        series.putAll(seriesCache);
        seriesCache.putAll(series);
        return new Library(List.copyOf(byId.values()), series);
    }

    /**
     * Fetches series the session has not seen (an episode's series outside the scanned views or
     * in a playlist), once per series, batched by id.
     */
    void fetchSeries(Collection<String> seriesIds) {
        List<String> missing = seriesIds.stream().filter(id -> id != null && !seriesCache.containsKey(id)).distinct().toList();
        Routes r = routes();
        for (int i = 0; i < missing.size(); i += SERIES_BATCH) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + SERIES_BATCH));
            JsonNode body = client.get(r.items(), r.user().and(Query.of("Ids", String.join(",", batch),
                    "Fields", "ProviderIds")));
            for (JsonNode n : body.path("Items")) {
                LibraryItem li = LibraryItem.parse(n);
                if (li.kind().equals(LibraryItem.SERIES) && batch.contains(li.id())) {
                    seriesCache.put(li.id(), li);
                }
            }
        }
    }

    private List<String> libraryIds(Routes r) {
        if (settings.libraries().isEmpty()) {
            return java.util.Collections.singletonList(null);
        }
        JsonNode views = client.get(r.views(), r.user()).path("Items");
        List<String> ids = new ArrayList<>();
        for (String wanted : settings.libraries()) {
            String found = null;
            for (JsonNode v : views) {
                if (v.path("Id").asText("").equalsIgnoreCase(wanted) || v.path("Name").asText("").equalsIgnoreCase(wanted)) {
                    found = v.path("Id").asText();
                    break;
                }
            }
            if (found == null) {
                List<String> names = new ArrayList<>();
                views.forEach(v -> names.add(v.path("Name").asText("?")));
                throw new ConfigException(context.config().path() + "." + ConnectorSettings.LIBRARIES, "no library '" + wanted
                        + "' for this user on " + flavor.label() + "; libraries: " + String.join(", ", names));
            }
            ids.add(found);
        }
        return ids;
    }

    /** The routes of this session, probing the server version once. */
    Routes routes() {
        if (routes == null) {
            String userId = context.config().require("userId");
            boolean userless = false;
            if (flavor == ServerFlavor.JELLYFIN) {
                JsonNode info = client.request("GET", "/System/Info/Public").withoutAuth().json();
                userless = flavor.hasUserlessRoutes(info.path("Version").asText(null));
            }
            routes = new Routes(userless, userId);
        }
        return routes;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, true);
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return write(feature, items, dryRun, false);
    }

    private WriteResult write(Feature feature, List<MediaItem> items, boolean dryRun, boolean adding) {
        context.cancellation().throwIfCancelled();
        if (items.isEmpty()) {
            return new WriteResult(List.of());
        }
        try {
            if (feature == Feature.PLAYLISTS || feature == Feature.WATCHLIST && settings.watchlistPlaylist() != null) {
                WriteResult w = adding ? playlists.add(feature, items, settings.watchlistPlaylist(), dryRun)
                        : playlists.remove(feature, items, settings.watchlistPlaylist(), dryRun);
                stale |= !dryRun;
                return w;
            }
            // A scan taken now, or one no write has touched since, tells what is already there.
            boolean fresh = library == null || !stale;
            Library lib = index();
            List<ItemOutcome> out = new ArrayList<>(items.size());
            for (MediaItem item : items) {
                out.add(writeOne(feature, item, lib, fresh, dryRun, adding));
            }
            return new WriteResult(out);
        } catch (CancelledException | AuthException | ConfigException e) {
            throw e;
        } catch (CrossWatchException e) {
            return WriteResult.failed(items, (adding ? "adding to " : "removing from ") + feature.key() + " on "
                    + flavor.label() + " failed: " + e.getMessage());
        }
    }

    private ItemOutcome writeOne(Feature feature, MediaItem item, Library lib, boolean fresh, boolean dryRun, boolean adding) {
        if (!MediaBrowserConnector.CAPABILITIES.mediaTypes(feature).contains(item.type())) {
            return new ItemOutcome(item, Outcome.UNSUPPORTED, flavor.label() + " does not take " + item.type().key()
                    + " items for " + feature.key());
        }
        if (adding && feature == Feature.RATINGS && item.rating().isEmpty()) {
            return new ItemOutcome(item, Outcome.FAILED, "the item carries no rating to write");
        }
        if (adding && feature == Feature.PROGRESS && item.playback().isEmpty()) {
            return new ItemOutcome(item, Outcome.FAILED, "the item carries no resume point to write");
        }
        List<LibraryItem> targets = lib.resolve(item);
        if (targets.isEmpty()) {
            return new ItemOutcome(item, Outcome.NOT_FOUND, "no item of the " + flavor.label()
                    + " library shares an id with it");
        }
        if (adding && fresh && targets.stream().allMatch(t -> alreadyHolds(feature, item, t))) {
            return new ItemOutcome(item, Outcome.EXISTING, null);
        }
        Outcome done = adding ? Outcome.ADDED : Outcome.REMOVED;
        if (dryRun) {
            return new ItemOutcome(item, done, null);
        }
        try {
            for (LibraryItem t : targets) {
                send(feature, item, t.id(), adding);
            }
            stale = true;
            return new ItemOutcome(item, done, null);
        } catch (CancelledException | AuthException e) {
            throw e;
        } catch (ProviderException e) {
            stale = true;
            boolean gone = e.httpStatus().orElse(0) == 404;
            return new ItemOutcome(item, gone ? Outcome.NOT_FOUND : Outcome.FAILED, e.getMessage());
        }
    }

    private static boolean alreadyHolds(Feature feature, MediaItem item, LibraryItem t) {
        LibraryItem.UserData ud = t.userData();
        return switch (feature) {
            case WATCHLIST -> ud.favorite();
            case HISTORY -> ud.played() && (item.watchedAt().isEmpty() || ud.lastPlayed() != null
                    && Duration.between(ud.lastPlayed(), item.watchedAt().get()).abs().compareTo(SAME_PLAY) <= 0);
            case RATINGS -> ud.rating() != null && Math.round(ud.rating()) == item.rating().orElse(-1);
            case PROGRESS -> !ud.played() && Math.abs(ud.positionTicks() / LibraryItem.TICKS_PER_MILLI
                    - item.playback().map(p -> p.position().toMillis()).orElse(-1L)) < 1000;
            case PLAYLISTS -> false;
        };
    }

    private void send(Feature feature, MediaItem item, String itemId, boolean adding) {
        Routes r = routes();
        switch (feature) {
            case WATCHLIST -> {
                // Favoriting is idempotent at the server, so a retry after a timeout is safe.
                ServiceRequest req = client.request(adding ? "POST" : "DELETE", r.favorite(itemId)).query(r.user());
                req.idempotent().send();
            }
            case HISTORY -> {
                Query q = r.user();
                if (adding && item.watchedAt().isPresent()) {
                    q = q.with(r.datePlayedParam(), flavor.datePlayed(item.watchedAt().get()));
                }
                // Not retried: each accepted POST with a date adds a play.
                client.request(adding ? "POST" : "DELETE", r.played(itemId)).query(q).send();
            }
            case RATINGS -> {
                if (adding) {
                    ObjectNode body = client.mapper().createObjectNode().put("Rating", item.rating().orElseThrow().doubleValue());
                    client.request("POST", r.userData(itemId)).query(r.user()).json(body).idempotent().send();
                } else {
                    client.request("DELETE", r.rating(itemId)).query(r.user()).send();
                }
            }
            case PROGRESS -> {
                ObjectNode body = client.mapper().createObjectNode();
                if (adding) {
                    Playback p = item.playback().orElseThrow();
                    body.put("PlaybackPositionTicks", p.position().toMillis() * LibraryItem.TICKS_PER_MILLI);
                    body.put("LastPlayedDate", DateTimeFormatter.ISO_INSTANT.format(p.updatedAt()));
                } else {
                    body.put("PlaybackPositionTicks", 0L);
                }
                client.request("POST", r.userData(itemId)).query(r.user()).json(body).idempotent().send();
            }
            case PLAYLISTS -> throw new IllegalStateException("playlists are written by Playlists");
        }
    }

    // ------------------------------------------------------------------ misc

    @Override
    public Health health() {
        Instant started = context.clock().instant();
        try {
            client.request("GET", "/System/Info/Public").withoutAuth().send();
            return Health.up(Duration.between(started, context.clock().instant()));
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new Health(Health.State.DOWN, Duration.ZERO, e.getMessage());
        }
    }

    ProviderContext context() {
        return context;
    }

    ConnectorSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "MediaBrowserSession[" + flavor.provider() + ", " + context.config().instance() + "]";
    }
}
