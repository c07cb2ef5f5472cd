package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Trakt's scrobble API: {@code POST /scrobble/start|pause|stop} with {@code {movie|episode,
 * progress}}, and a dated {@code POST /sync/history} for a play delivered late. A {@code 409} on
 * stop means Trakt recorded the item moments ago (its body says when) and counts as recorded; a
 * {@code 422} means too little progress and is ignored. Uses the {@code trakt} config block
 * ({@code clientId}, {@code accessToken}, optional {@code baseUrl}).
 *
 * <p>Never waits inline: a {@code 429} fails at once as {@link io.crosswatch.api.RateLimitedException}
 * with the server's {@code Retry-After} and a {@code 5xx} as a retryable {@link ProviderException},
 * so the scrobble queue redelivers later instead of the caller's thread sleeping.
 */
public final class TraktScrobbleTarget implements ScrobbleTarget {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final HttpToolkit toolkit;

    /** Uses the JVM-wide HTTP toolkit. Does no work. */
    public TraktScrobbleTarget() {
        this(HttpToolkit.shared());
    }

    /** @param toolkit the HTTP toolkit to talk through (tests pass one of their own) */
    public TraktScrobbleTarget(HttpToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit, "toolkit");
    }

    @Override
    public String name() {
        return "trakt";
    }

    @Override
    public Optional<String> authProvider() {
        return Optional.of("trakt");
    }

    private ServiceClient client(ProviderContext context) {
        return toolkit.client("trakt")
                .baseUrl(context.config().baseUrl(TraktConnector.DEFAULT_API))
                .header("trakt-api-version", "2")
                .header("trakt-api-key", c -> c.require("clientId"))
                .header("Content-Type", "application/json")
                .auth(AuthScheme.bearer("accessToken"))
                // Trakt counts authenticated calls per user token.
                .rateLimit(TraktConnector.LIMITS, RateLimitScope.ACCOUNT)
                // One attempt: a 429 or 5xx goes back to the scrobble queue, which redelivers in
                // order at the server's Retry-After. Waiting here (up to 15 min by default) would
                // hold the watcher thread and every event behind it.
                .retry(RetryPolicy.none())
                .errorMapper(new TraktErrors())
                .context(context)
                .build();
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
        ObjectNode body = body(item);
        body.put("progress", Math.round(percent * 100) / 100.0);
        ServiceResponse r = client(context).request("POST", "/scrobble/" + action).json(body).allowStatus(409, 422).send();
        if (r.status() == 409) {
            JsonNode b = parse(r);
            Instant at = TraktItems.instant(b, "watched_at").orElse(null);
            return new ScrobbleOutcome(ScrobbleOutcome.Status.ALREADY_WATCHED, at, "trakt: already scrobbled (409)");
        }
        if (r.status() == 422) {
            return new ScrobbleOutcome(ScrobbleOutcome.Status.IGNORED, null, "trakt: progress too low (422)");
        }
        String done = parse(r).path("action").asText(action);
        if (action.equals("stop") && done.equals("scrobble")) {
            return ScrobbleOutcome.of(ScrobbleOutcome.Status.WATCHED);
        }
        return new ScrobbleOutcome(ScrobbleOutcome.Status.ACCEPTED, null, "trakt: " + done);
    }

    @Override
    public ScrobbleOutcome recordPlay(ProviderContext context, MediaItem item) {
        Instant at = item.watchedAt().orElseThrow(() -> new IllegalArgumentException("a play needs its time: " + item.describe()));
        TraktItems.Entry entry = TraktItems.entry(item).orElseThrow(() -> new ProviderException("trakt", 0, false,
                item.describe() + " has no id Trakt can match", null));
        entry.leaf().put("watched_at", TraktItems.timestamp(at));
        ObjectNode body = JSON.objectNode();
        body.putArray(entry.array()).add(entry.root());
        JsonNode r = client(context).request("POST", "/sync/history").json(body).json();
        long added = 0;
        for (JsonNode n : r.path("added")) {
            added += n.asLong(0);
        }
        return added > 0 ? new ScrobbleOutcome(ScrobbleOutcome.Status.WATCHED, at, null)
                : new ScrobbleOutcome(ScrobbleOutcome.Status.IGNORED, null, "trakt: not found");
    }

    /** Trakt's scrobble item: a movie, an episode by show ids and numbers, or an episode by its own ids. */
    static ObjectNode body(MediaItem item) {
        ObjectNode body = JSON.objectNode();
        if (item.type() == MediaType.MOVIE) {
            ObjectNode ids = TraktItems.idsNode(item.ids(), MediaType.MOVIE);
            requireIds(ids, item);
            ObjectNode movie = body.putObject("movie");
            item.title().ifPresent(t -> movie.put("title", t));
            item.year().ifPresent(y -> movie.put("year", y));
            movie.set("ids", ids);
            return body;
        }
        if (item.type() != MediaType.EPISODE) {
            throw new ProviderException("trakt", 0, false, "trakt scrobbles movies and episodes, not " + item.describe(), null);
        }
        ObjectNode own = TraktItems.idsNode(item.ids(), MediaType.EPISODE);
        ObjectNode show = TraktItems.idsNode(item.showIds(), MediaType.SHOW);
        if (!own.isEmpty()) {
            body.putObject("episode").set("ids", own);
        } else if (!show.isEmpty() && item.season().isPresent() && item.episode().isPresent()) {
            body.putObject("show").set("ids", show);
            body.putObject("episode").put("season", item.season().get()).put("number", item.episode().get());
        } else {
            requireIds(own, item);
        }
        return body;
    }

    private static void requireIds(ObjectNode ids, MediaItem item) {
        if (ids.isEmpty()) {
            throw new ProviderException("trakt", 0, false, item.describe() + " has no id Trakt can match", null);
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
        return "TraktScrobbleTarget";
    }
}
