package io.crosswatch.providers.auth.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.testkit.AuthProviderContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's auth contract for one server flavour, against a WireMock server speaking its login API. */
abstract class MediaBrowserAuthContract extends AuthProviderContract {

    static final String TOKEN = "8f0c6b3a2e1d4c5b9a7f6e5d4c3b2a10";
    static final String USER_ID = "5d1b2c3a4e5f60718293a4b5c6d7e8f9";
    static final String JELLYFIN_INFO =
            "{\"ServerName\":\"jf\",\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\",\"Id\":\"4d2f\"}";
    static final String EMBY_INFO = "{\"ServerName\":\"emby\",\"Version\":\"4.8.10.0\",\"Id\":\"4d2f\"}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Stubs a healthy server under {@code prefix}; the password {@code correct-horse} is accepted. */
    static void stubServer(WireMockExtension server, String prefix, String infoJson) {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo(prefix + "/System/Info/Public")).willReturn(okJson(infoJson)));
        server.stubFor(post(urlPathEqualTo(prefix + "/Users/AuthenticateByName"))
                .withHeader("Authorization", matching("^MediaBrowser .*DeviceId=\".+\".*"))
                .withRequestBody(equalToJson("{\"Username\":\"alice\",\"Pw\":\"correct-horse\"}"))
                .willReturn(okJson("{\"User\":{\"Name\":\"alice\",\"Id\":\"" + USER_ID + "\",\"ServerId\":\"4d2f\"},"
                        + "\"SessionInfo\":{\"Id\":\"s1\",\"UserId\":\"" + USER_ID + "\"},"
                        + "\"AccessToken\":\"" + TOKEN + "\",\"ServerId\":\"4d2f\"}")));
        server.stubFor(get(urlPathEqualTo(prefix + "/Users/" + USER_ID))
                .withHeader("Authorization", containing("Token=\"" + TOKEN + "\""))
                .willReturn(okJson("{\"Name\":\"alice\",\"Id\":\"" + USER_ID + "\"}")));
        server.stubFor(post(urlPathEqualTo(prefix + "/Sessions/Logout")).willReturn(aResponse().withStatus(204)));
    }

    abstract String prefix();

    abstract String info();

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of(provider().manifest().name(), ProviderConfig.DEFAULT_INSTANCE,
                Map.of("baseUrl", wm.baseUrl()));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of("username", "alice", "password", "correct-horse");
    }

    @Override
    protected void resetBackend() {
        stubServer(wm, prefix(), info());
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(500)));
    }

    @Override
    protected Set<String> extraSecrets() {
        return Set.of(TOKEN);
    }
}
