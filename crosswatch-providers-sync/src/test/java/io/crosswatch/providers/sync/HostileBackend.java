package io.crosswatch.providers.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.testkit.BackendFailure;

/**
 * Stages a {@link BackendFailure} on a WireMock backend for the contracts' verbose-logging
 * secret rules: every request gets the failure, and HTTP failures echo the request — URL with
 * query, every credential header the providers send and the body — inside an ordinary
 * {@code "message"} field, the way servers quote what they refuse.
 */
public final class HostileBackend {

    /** A JSON error whose message quotes the request (Handlebars HTML-escapes quotes, so it stays JSON). */
    public static final String ECHO_BODY = "{\"error\":\"invalid_request\",\"message\":\"refused {{request.method}} "
            + "{{request.url}} sent with {{request.headers.Authorization}} {{request.headers.X-Plex-Token}} "
            + "{{request.headers.trakt-api-key}} {{request.headers.simkl-api-key}} {{request.headers.X-Emby-Token}} "
            + "{{request.headers.X-MediaBrowser-Token}} {{request.headers.X-Emby-Authorization}} "
            + "{{request.headers.apikey}} and body {{request.body}}\"}";

    private HostileBackend() {
    }


    /**
     * @param failure how to fail
     * @return a response answering with {@code failure}
     */
    public static ResponseDefinitionBuilder response(BackendFailure failure) {
        if (!failure.isHttpAnswer()) {
            return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
        }
        return aResponse().withStatus(failure.status()).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "1").withBody(ECHO_BODY).withTransformers("response-template");
    }

    /** @return a WireMock server of its own (loopback, dynamic port) to stage failures on */
    public static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /**
     * Makes every request to {@code wm} fail with {@code failure}: its stubs are replaced.
     *
     * @param wm      the hostile backend
     * @param failure how to fail
     * @return {@code wm}'s base URL, for the context's config
     */
    public static String stage(WireMockExtension wm, BackendFailure failure) {
        wm.resetAll();
        fail(wm, failure);
        return wm.baseUrl();
    }

    /**
     * Makes every request to {@code wm} fail with {@code failure}, above every other stub.
     *
     * @param wm      the backend
     * @param failure how to fail
     * @return {@code true}, for a contract's {@code failBackend} hook
     */
    public static boolean fail(WireMockExtension wm, BackendFailure failure) {
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(response(failure)));
        return true;
    }
}
