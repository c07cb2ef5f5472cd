package io.crosswatch.providers.sync.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SIMKL's scrobble API: {@code POST /scrobble/start|pause|stop} with {@code {progress, movie}},
 * {@code {progress, show|anime, episode:{season, number}}} or {@code {progress, episode:{ids}}},
 * and a dated {@code POST /sync/history} for a play delivered late (a stop stamps "now").
 *
 * <p>Answers: {@code 201} with {@code action} ({@code scrobble} on a stop that marked the item
 * watched); {@code 409} on a stop means SIMKL recorded the play moments ago and counts as
 * recorded; {@code 404} means SIMKL does not know the item, and the other body shape (episode ids
 * instead of show and numbers, title and year instead of ids) is tried once before the call is
 * reported ignored. {@code 429} and {@code 423} fail at once as {@link RateLimitedException} with
 * the server's {@code Retry-After}, so the scrobble queue redelivers later instead of this thread
 * waiting. Uses the {@code simkl} config block ({@code clientId}, {@code accessToken}, optional
 * {@code baseUrl}, {@code appName}, {@code appVersion}).
 */
public final class SimklScrobbleTarget implements ScrobbleTarget {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Id namespaces that mark a show as anime for SIMKL's {@code anime} key. */
    private static final Set<String> ANIME_IDS = Set.of(MediaIds.MAL, MediaIds.ANIDB, MediaIds.ANILIST, MediaIds.KITSU);
    private static final int LOCKED = 423;

    private final HttpToolkit toolkit;

    /** Uses the JVM-wide HTTP toolkit. Does no work. */
    public SimklScrobbleTarget() {
        this(HttpToolkit.shared());
    }

    /** @param toolkit the HTTP toolkit to talk through (tests pass one of their own) */
    public SimklScrobbleTarget(HttpToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit, "toolkit");
    }

    @Override
    public String name() {
        return SimklConnector.NAME;
    }

    @Override
    public Optional<String> authProvider() {
        return Optional.of(SimklConnector.NAME);
    }

    private ServiceClient client(ProviderContext context) {
        return toolkit.client(SimklConnector.NAME)
                .baseUrl(context.config().baseUrl(SimklConnector.DEFAULT_BASE_URL))
                .header("simkl-api-key", c -> c.require(SimklConnector.CLIENT_ID))
                .header("Content-Type", "application/json")
                .auth(AuthScheme.bearer(SimklConnector.ACCESS_TOKEN))
                // SIMKL counts scrobbles per access token.
                .rateLimit(SimklConnector.LIMITS, RateLimitScope.ACCOUNT)
                .errorMapper(SimklScrobbleTarget::locked)
                .context(context)
                .build();
    }

    /** SIMKL's {@code 423} (a temporary block) is a rate limit: retried later by the queue, never waited for here. */
    private static Optional<RuntimeException> locked(ServiceResponse r) {
        if (r.status() != LOCKED) {
            return Optional.empty();
        }
        Duration wait = r.header("Retry-After").map(SimklScrobbleTarget::seconds).orElse(null);
        return Optional.of(new RateLimitedException(SimklConnector.NAME, wait, r.endpoint()
                + " is temporarily blocked (HTTP 423)" + (wait == null ? "" : " for " + wait.toSeconds() + " s")));
    }

    private static Duration seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s < 0 ? null : Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: the queue's own backoff applies
        }
    }

    private static Query params(ProviderConfig cfg) {
        return Query.of("client_id", cfg.require(SimklConnector.CLIENT_ID),
                "app-name", cfg.string("appName").orElse("crosswatch"),
                "app-version", cfg.string("appVersion").orElse("0.1"));
    }

    @Override
    public ScrobbleOutcome start(ProviderContext context, MediaItem item, double percent) {
        return scrobble(context, "start", item, percent);
    }

    @Override
    public ScrobbleOutcome pause(ProviderContext context, MediaItem item, double percent) {
        return scrobble(context, "pause", item, percent);
    }

    @Override
    public ScrobbleOutcome stop(ProviderContext context, MediaItem item, double percent) {
        return scrobble(context, "stop", item, percent);
    }

    private ScrobbleOutcome scrobble(ProviderContext context, String action, MediaItem item, double percent) {
        List<ObjectNode> bodies = bodies(item);
        ServiceClient client = client(context);
        double progress = Math.round(percent * 100) / 100.0;
        ServiceResponse r = null;
        for (ObjectNode body : bodies) {
            body.put("progress", progress);
            // one attempt: a 429 or 5xx goes back to the scrobble queue, which redelivers in order
            r = client.request("POST", "/scrobble/" + action).query(params(context.config())).json(body)
                    .retry(RetryPolicy.none()).allowStatus(404, 409).send();
            if (r.status() != 404) {
                break;
            }
        }
        if (r.status() == 404) {
            return new ScrobbleOutcome(ScrobbleOutcome.Status.IGNORED, null, "simkl: " + item.describe() + " not found (404)");
        }
        JsonNode answer = parse(r);
        if (r.status() == 409) {
            if (action.equals("stop")) {
                return new ScrobbleOutcome(ScrobbleOutcome.Status.ALREADY_WATCHED, watchedAt(answer),
                        "simkl: already scrobbled (409)");
            }
            return new ScrobbleOutcome(ScrobbleOutcome.Status.ACCEPTED, null, "simkl: already " + action + "ed (409)");
        }
        String done = answer.path("action").asText(action);
        if (action.equals("stop") && done.equals("scrobble")) {
            return new ScrobbleOutcome(ScrobbleOutcome.Status.WATCHED, watchedAt(answer), null);
        }
        return new ScrobbleOutcome(ScrobbleOutcome.Status.ACCEPTED, null, "simkl: " + done);
    }

    private static Instant watchedAt(JsonNode answer) {
        JsonNode at = answer.path("watched_at");
        return at.isTextual() ? SimklLibrary.instant(at) : null;
    }

    /**
     * Records a late play with its real time: {@code POST /sync/history} with {@code watched_at}
     * (a scrobble stop would stamp it "now").
     */
    @Override
    public ScrobbleOutcome recordPlay(ProviderContext context, MediaItem item) {
        Instant at = item.watchedAt().orElseThrow(() -> new IllegalArgumentException("a play needs its time: " + item.describe()));
        SimklBodies.Body body = new SimklBodies.Body();
        if (item.type() == MediaType.MOVIE) {
            requireMatchable(item.ids(), item);
            body.add("movies", SimklBodies.media(item, item.ids()).put("watched_at", at.toString()));
        } else if (item.type() == MediaType.EPISODE && item.season().isPresent() && item.episode().isPresent()) {
            requireMatchable(item.showIds(), item);
            body.episode(item, at, null);
        } else {
            throw new ProviderException(SimklConnector.NAME, 0, false,
                    "a dated SIMKL play needs a movie, or an episode with its show's ids and numbers: " + item.describe(), null);
        }
        JsonNode r = client(context).request("POST", "/sync/history").query(params(context.config())).json(body.json())
                .retry(RetryPolicy.none()).json();
        JsonNode added = r.path("added");
        long count = added.path("movies").asLong(0) + added.path("episodes").asLong(0);
        return count > 0 ? new ScrobbleOutcome(ScrobbleOutcome.Status.WATCHED, at, null)
                : new ScrobbleOutcome(ScrobbleOutcome.Status.IGNORED, null, "simkl: " + item.describe() + " not found");
    }

    /**
     * The request bodies to try, best first: a movie by ids (then by title and year); an episode
     * by its show (or anime) and numbers (then by its own ids), or by its own ids alone.
     *
     * @return one or two bodies, without {@code progress}
     */
    static List<ObjectNode> bodies(MediaItem item) {
        List<ObjectNode> out = new ArrayList<>();
        if (item.type() == MediaType.MOVIE) {
            ObjectNode ids = SimklBodies.ids(item.ids());
            if (!ids.isEmpty()) {
                out.add(movieBy(ids));
            }
            titled(item.title().orElse(null), item.year().orElse(null)).ifPresent(t -> out.add(wrap("movie", t)));
        } else if (item.type() == MediaType.EPISODE) {
            ObjectNode own = SimklBodies.ids(item.ids());
            boolean numbered = item.season().isPresent() && item.episode().isPresent();
            if (numbered) {
                ObjectNode showIds = SimklBodies.ids(item.showIds());
                Optional<ObjectNode> show = !showIds.isEmpty() ? Optional.of(withIds(showIds))
                        : titled(item.showTitle().orElse(null), null);
                show.ifPresent(s -> {
                    ObjectNode b = wrap(anime(item) ? "anime" : "show", s);
                    b.putObject("episode").put("season", item.season().get()).put("number", item.episode().get());
                    out.add(b);
                });
            }
            if (!own.isEmpty()) {
                ObjectNode b = body();
                b.putObject("episode").set("ids", own);
                out.add(b);
            }
        } else {
            throw new ProviderException(SimklConnector.NAME, 0, false,
                    "simkl scrobbles movies and episodes, not " + item.describe(), null);
        }
        if (out.isEmpty()) {
            throw new ProviderException(SimklConnector.NAME, 0, false, item.describe()
                    + " has no id, title or episode numbers SIMKL can match", null);
        }
        return out;
    }

    private static ObjectNode movieBy(ObjectNode ids) {
        return wrap("movie", withIds(ids));
    }

    private static ObjectNode withIds(ObjectNode ids) {
        ObjectNode o = JSON.objectNode();
        o.set("ids", ids);
        return o;
    }

    private static ObjectNode body() {
        return JSON.objectNode();
    }

    private static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode b = body();
        b.set(key, value);
        return b;
    }

    private static Optional<ObjectNode> titled(String title, Integer year) {
        if (title == null || title.isBlank()) {
            return Optional.empty();
        }
        ObjectNode o = JSON.objectNode().put("title", title);
        if (year != null) {
            o.put("year", year);
        }
        return Optional.of(o);
    }

    /** Anime: read from SIMKL's anime bucket, or known only by anime ids. */
    private static boolean anime(MediaItem episode) {
        if (episode.attribute(SimklLibrary.KIND).filter("anime"::equals).isPresent()) {
            return true;
        }
        Set<String> namespaces = episode.showIds().values().keySet();
        return !namespaces.isEmpty() && namespaces.stream().allMatch(ns -> ANIME_IDS.contains(ns) || ns.equals(MediaIds.SIMKL))
                && namespaces.stream().anyMatch(ANIME_IDS::contains);
    }

    private static void requireMatchable(MediaIds ids, MediaItem item) {
        if (!SimklBodies.matchable(ids)) {
            throw new ProviderException(SimklConnector.NAME, 0, false, item.describe() + " has no id SIMKL can match", null);
        }
    }

    private static JsonNode parse(ServiceResponse r) {
        try {
            String text = r.bodyText();
            return text.isBlank() ? JSON.objectNode() : HttpToolkit.defaultMapper().readTree(text);
        } catch (java.io.IOException e) {
            return JSON.objectNode();
        }
    }

    @Override
    public String toString() {
        return "SimklScrobbleTarget";
    }
}
