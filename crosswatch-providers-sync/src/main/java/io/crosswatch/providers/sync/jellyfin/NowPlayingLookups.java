package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code Sessions} snapshot leaves out of a newly started item, asked of the server for
 * the session watcher: the item's library (the nearest {@code CollectionFolder} among {@code GET
 * /Items/{id}/Ancestors}), an episode's series ids ({@code ProviderIds} of the series, fetched
 * with the items listing and {@code Ids=} as the connector fetches series), and the server's
 * name and version ({@code /System/Info/Public}, which also picks the items route).
 *
 * <p>Answers, including "no library", are kept for the watcher's life, so an item or series is
 * asked once however often it is played. A failed lookup is logged at DEBUG (the toolkit's
 * message, which names no secret), is not kept, and is asked again when the item next starts;
 * the event goes out without that detail meanwhile.
 *
 * <p>Not thread-safe: the watcher calls it from its connection's reader thread only.
 */
final class NowPlayingLookups {

    private static final System.Logger LOG = System.getLogger(NowPlayingLookups.class.getName());
    /** Server item ids are 32-hex GUIDs (Jellyfin) or numbers (Emby); anything else is not put in a path. */
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String LIBRARY_TYPE = "CollectionFolder";
    /**
     * One retry after a second at most: the lookups run on the connection's reader thread, so
     * later snapshots wait for them, and a lookup that fails is asked again at the next start.
     */
    static final RetryPolicy LOOKUP_RETRY = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private final ServerFlavor flavor;
    private final ServiceClient client;
    private final String configuredUserId;
    /** How long a failed {@code /System/Info/Public} is not asked again (every event wants the server name). */
    static final Duration INFO_RETRY_AFTER = Duration.ofMinutes(5);
    /** Items and series remembered; the oldest are forgotten beyond this. */
    static final int CACHE_SIZE = 1024;

    private final Clock clock;
    private final Map<String, Optional<String>> libraries = bounded();
    private final Map<String, MediaIds> seriesIds = bounded();
    private boolean infoKnown;
    private Instant nextInfoAttempt = Instant.MIN;
    private String serverName;
    private String version;

    /**
     * @param client           the server's client with its auth headers ({@link MediaBrowserConnector#client})
     * @param configuredUserId the config's {@code userId}, used when a session names no user; may be {@code null}
     */
    NowPlayingLookups(ServerFlavor flavor, ServiceClient client, String configuredUserId, Clock clock) {
        this.clock = clock;
        this.flavor = flavor;
        this.client = client;
        this.configuredUserId = configuredUserId;
    }

    /** @return the server's name as its webhooks report it ({@code ServerName}), {@code null} while unknown */
    String serverName() {
        info();
        return serverName;
    }

    /**
     * @param itemId the playing item's id
     * @param userId the session's user (its library views decide what the item is under), or {@code null}
     * @return the name of the library holding the item; empty when it has none or the lookup failed
     */
    Optional<String> library(String itemId, String userId) {
        Optional<String> known = libraries.get(itemId);
        if (known != null) {
            return known;
        }
        if (!ITEM_ID.matcher(itemId).matches()) {
            return Optional.empty();
        }
        String user = userId != null ? userId : configuredUserId;
        try {
            JsonNode body = client.request("GET", "/Items/" + itemId + "/Ancestors")
                    .query(user == null ? Query.empty() : Query.of(flavor == ServerFlavor.EMBY ? "UserId" : "userId", user))
                    .retry(LOOKUP_RETRY).json();
            // Jellyfin answers a plain array; a QueryResult is read too in case a server wraps it
            JsonNode ancestors = body.isArray() ? body : body.path("Items");
            Optional<String> found = Optional.empty();
            for (JsonNode a : ancestors) { // nearest first
                if (LIBRARY_TYPE.equals(a.path("Type").asText("")) && !a.path("Name").asText("").isBlank()) {
                    found = Optional.of(a.path("Name").asText());
                    break;
                }
            }
            libraries.put(itemId, found);
            return found;
        } catch (CrossWatchException e) {
            LOG.log(Level.DEBUG, "{0}: the library of item {1} is unknown for now: {2}", flavor.provider(), itemId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param seriesId an episode's {@code SeriesId}
     * @param userId   the session's user, or {@code null}
     * @return the series' external ids; empty when it has none or the lookup failed
     */
    MediaIds seriesIds(String seriesId, String userId) {
        MediaIds known = seriesIds.get(seriesId);
        if (known != null) {
            return known;
        }
        String user = userId != null ? userId : configuredUserId;
        if (user == null || !ITEM_ID.matcher(seriesId).matches()) {
            return MediaIds.empty(); // the legacy items route needs a user, and an API key has none
        }
        info();
        Routes routes = new Routes(flavor.hasUserlessRoutes(version), user);
        try {
            JsonNode body = client.request("GET", routes.items())
                    .query(routes.user().and(Query.of("Ids", seriesId, "Fields", "ProviderIds"))).retry(LOOKUP_RETRY).json();
            MediaIds ids = MediaIds.empty();
            for (JsonNode n : body.path("Items")) {
                LibraryItem li = LibraryItem.parse(n);
                if (li.id().equals(seriesId)) {
                    ids = li.ids();
                    break;
                }
            }
            seriesIds.put(seriesId, ids);
            return ids;
        } catch (CrossWatchException e) {
            LOG.log(Level.DEBUG, "{0}: the ids of series {1} are unknown for now: {2}", flavor.provider(), seriesId, e.getMessage());
            return MediaIds.empty();
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    /** Asks {@code /System/Info/Public} until it answers once; after a failure, not again for {@link #INFO_RETRY_AFTER}. */
    private void info() {
        if (infoKnown || clock.instant().isBefore(nextInfoAttempt)) {
            return;
        }
        try {
            JsonNode info = client.request("GET", "/System/Info/Public").withoutAuth().retry(LOOKUP_RETRY).json();
            serverName = text(info, "ServerName");
            version = text(info, "Version");
            infoKnown = true;
        } catch (CrossWatchException e) {
            nextInfoAttempt = clock.instant().plus(INFO_RETRY_AFTER);
            LOG.log(Level.DEBUG, "{0}: the server name is unknown for now: {1}", flavor.provider(), e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    }

    @Override
    public String toString() {
        return "NowPlayingLookups[" + flavor.provider() + ", " + libraries.size() + " item(s), " + seriesIds.size() + " series]";
    }
}
