/**
 * The provider testkit (a TCK): contract tests that any provider, ours or a third party's,
 * runs in its own build to prove it behaves as core expects.
 *
 * <h2>Testing a provider in five steps</h2>
 * <ol>
 *   <li><b>Depend on the kit in test scope</b>: {@code io.crosswatch:crosswatch-testkit} (it
 *       brings JUnit Jupiter and needs nothing else).</li>
 *   <li><b>Check the registration.</b> {@link io.crosswatch.testkit.ProviderTestKit} loads your
 *       provider through {@link java.util.ServiceLoader} exactly as core does, so a missing
 *       {@code provides} line or {@code META-INF/services} entry fails here, not in a user's
 *       installation:
 *       <pre>{@code
 * @Test
 * void isRegistered() {
 *     ProviderTestKit.forName("acme").assertRegistered();
 * }
 *       }</pre></li>
 *   <li><b>Pick a backend.</b> The contracts only see the SPI, so the backend is your choice:
 *       WireMock stubs whose bodies follow the real API (recommended for HTTP providers), or an
 *       in-memory fake. Point the provider at it through the config ({@code baseUrl}).</li>
 *   <li><b>Extend the contract of each family you implement</b> and fill in its hooks:
 *       <pre>{@code
 * class AcmeConnectorContractTest extends ConnectorContract {
 *     @RegisterExtension
 *     static WireMockExtension wm = WireMockExtension.newInstance()
 *             .options(wireMockConfig().dynamicPort()).build();
 *
 *     protected Connector connector() { return ProviderTestKit.forName("acme").connector(); }
 *     protected ProviderContext context() {
 *         return TestContext.of(ProviderConfig.of("acme", "default",
 *                 Map.of("baseUrl", wm.baseUrl(), "accessToken", "at-0123456789")), VirtualTime.create());
 *     }
 *     protected List<MediaItem> sampleItems(Feature f) { return List.of(
 *             MediaItem.builder(MediaType.MOVIE).id("imdb", "tt0133093").title("The Matrix").year(1999).build()); }
 *     protected void resetBackend() { wm.resetAll(); stubAcme(wm); }
 * }
 *       }</pre>
 *       {@link io.crosswatch.testkit.AuthProviderContract} wants {@code provider()}, {@code
 *       configuredConfig()} and {@code startPayload()} (plus {@code userApproves(step)} for
 *       device-code and PIN flows); {@link io.crosswatch.testkit.MetadataProviderContract} wants
 *       {@code provider()}, {@code context()}, {@code knownRequest()} and {@code
 *       unknownRequest()}. Optional hooks ({@code breakBackend()}, {@code brokenContext()})
 *       switch on the failure rules.</li>
 *   <li><b>Run your build.</b> Every rule is a JUnit test named after its number and strength,
 *       such as {@code required_2_3_addThenReadShowsItems} or {@code
 *       optional_2_10_failuresAreTyped}. A {@code required_} rule must pass for every feature
 *       and capability you declare; rules for what you do not declare, or whose optional hook
 *       you do not supply, are reported as <em>skipped</em>, not failed. A failure message says
 *       what was expected and what to change.</li>
 * </ol>
 *
 * <h2>Fixtures</h2>
 * Use them in your own tests too: {@link io.crosswatch.testkit.VirtualTime} (a {@link
 * io.crosswatch.testkit.FakeClock} and a sleeper that advances it, so polling and backoff never
 * wait), {@link io.crosswatch.testkit.RecordingProviderStore} (an in-memory store that records
 * what was persisted), {@link io.crosswatch.testkit.TestContext} (a context over both) and
 * {@link io.crosswatch.testkit.SecretScanner} (asserts that no token, password or key appears in
 * a string or an exception chain).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
package io.crosswatch.testkit;

import io.crosswatch.api.Api;
