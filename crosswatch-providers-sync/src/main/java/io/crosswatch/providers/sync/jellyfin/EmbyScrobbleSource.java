package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.core.http.HttpToolkit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Emby playback through the server's session websocket ({@code /embywebsocket}, see {@link
 * MediaBrowserWatcher}): {@code baseUrl}, {@code accessToken}/{@code apiKey} and {@code deviceId}
 * from the {@code emby} config block. Emby's own webhooks are not parsed: the daemon answers 404
 * for {@code /webhook/emby}.
 */
public final class EmbyScrobbleSource implements ScrobbleSource {

    /** Does no work. */
    public EmbyScrobbleSource() {
        // stateless
    }

    @Override
    public String name() {
        return "emby";
    }

    @Override
    public boolean acceptsWebhooks() {
        return false;
    }

    @Override
    public List<ScrobbleEvent> parseWebhook(WebhookRequest request) {
        throw new IllegalArgumentException("Emby webhooks are not supported; add 'emby' to daemon.listen to watch its sessions");
    }

    @Override
    public AutoCloseable listen(ProviderContext context, Consumer<ScrobbleEvent> sink) {
        return MediaBrowserWatcher.connect(ServerFlavor.EMBY, context, sink, HttpToolkit.shared().random());
    }

    @Override
    public String toString() {
        return "EmbyScrobbleSource";
    }
}
