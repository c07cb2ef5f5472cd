package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.crosswatch.testkit.broken.AcceptsUndeclaredTypesConnectorCase;
import io.crosswatch.testkit.broken.BadImageLangMetadataCase;
import io.crosswatch.testkit.broken.CompleteEmptyOnCancelConnectorCase;
import io.crosswatch.testkit.broken.DisconnectKeepsSecretsAuthCase;
import io.crosswatch.testkit.broken.DuplicatesConnectorCase;
import io.crosswatch.testkit.broken.IgnoresDryRunConnectorCase;
import io.crosswatch.testkit.broken.LeaksApiKeyMetadataCase;
import io.crosswatch.testkit.broken.LeaksTokenInErrorConnectorCase;
import io.crosswatch.testkit.broken.LeaksTokenInExceptionAuthCase;
import io.crosswatch.testkit.broken.LeaksTokenInStatusAuthCase;
import io.crosswatch.testkit.broken.LogsTokenAtTraceAuthCase;
import io.crosswatch.testkit.broken.StaleReadsConnectorCase;
import io.crosswatch.testkit.broken.UnknownThrowsMetadataCase;
import io.crosswatch.testkit.broken.UntypedErrorsConnectorCase;
import io.crosswatch.testkit.broken.UntypedErrorsMetadataCase;
import io.crosswatch.testkit.broken.UntypedExceptionAuthCase;
import io.crosswatch.testkit.reference.MemoryAuthProviderContractTest;
import io.crosswatch.testkit.reference.MemoryConnectorContractTest;
import io.crosswatch.testkit.reference.MemoryMetadataProviderContractTest;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves the contracts catch faults: each deliberately broken provider is run through the JUnit
 * Platform, and exactly the rules its fault breaks must fail, every other rule passing or
 * skipping. The correct reference providers must fail none.
 */
class ContractsCatchFaultsTest {

    static Stream<Arguments> brokenProviders() {
        return Stream.of(
                Arguments.of(LeaksTokenInStatusAuthCase.class, Set.of("required_1_7_noSecretInToString",
                        "required_1_10_noSecretInVerboseLogs")),
                Arguments.of(LogsTokenAtTraceAuthCase.class, Set.of("required_1_10_noSecretInVerboseLogs")),
                Arguments.of(LeaksTokenInExceptionAuthCase.class, Set.of("optional_1_8_failuresAreTypedAndSecretFree")),
                Arguments.of(UntypedExceptionAuthCase.class, Set.of("optional_1_8_failuresAreTypedAndSecretFree",
                        "optional_1_9_disconnectClearsSecretsWhenServiceIsDown")),
                Arguments.of(DisconnectKeepsSecretsAuthCase.class, Set.of("required_1_6_disconnectClearsEverySecret",
                        "optional_1_9_disconnectClearsSecretsWhenServiceIsDown")),
                Arguments.of(IgnoresDryRunConnectorCase.class, Set.of("required_2_5_dryRunAddWritesNothing")),
                Arguments.of(StaleReadsConnectorCase.class, Set.of("required_2_3_addThenReadShowsItems",
                        "required_2_4_removeThenReadHidesItems", "required_2_6_dryRunRemoveWritesNothing")),
                Arguments.of(UntypedErrorsConnectorCase.class, Set.of("optional_2_10_failuresAreTyped")),
                Arguments.of(LeaksTokenInErrorConnectorCase.class, Set.of("optional_2_10_failuresAreTyped")),
                Arguments.of(CompleteEmptyOnCancelConnectorCase.class, Set.of("required_2_9_cancelledReadIsNeverComplete")),
                Arguments.of(DuplicatesConnectorCase.class, Set.of("required_2_7_reAddDoesNotDuplicate")),
                Arguments.of(AcceptsUndeclaredTypesConnectorCase.class,
                        Set.of("required_2_8_undeclaredMediaTypeIsRejected")),
                Arguments.of(UnknownThrowsMetadataCase.class, Set.of("required_3_3_unknownIdIsEmpty")),
                Arguments.of(BadImageLangMetadataCase.class, Set.of("required_3_2_knownItemHasNormalizedShape")),
                Arguments.of(LeaksApiKeyMetadataCase.class, Set.of("required_3_5_noSecretInResults")),
                Arguments.of(UntypedErrorsMetadataCase.class, Set.of("optional_3_6_backendFailureIsTypedException")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenProviders")
    void contractFailsExactlyTheBrokenRules(Class<?> contractRun, Set<String> expectedFailures) {
        Events tests = run(contractRun);
        assertEquals(new TreeSet<>(expectedFailures), failedRules(tests),
                () -> contractRun.getSimpleName() + " failed other rules than expected:\n" + describeFailures(tests));
        assertTrue(tests.succeeded().count() > 0, "every rule failed or was skipped: the fixture itself is broken");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceProviders")
    void referenceProvidersPassEveryRule(Class<?> contractRun, long expectedPassed, long expectedSkipped) {
        Events tests = run(contractRun);
        assertEquals(Set.of(), failedRules(tests), () -> describeFailures(tests));
        assertEquals(expectedPassed, tests.succeeded().count(), "rules passed");
        assertEquals(expectedSkipped, tests.skipped().count() + tests.aborted().count(), "rules skipped");
    }

    static Stream<Arguments> referenceProviders() {
        return Stream.of(
                Arguments.of(MemoryAuthProviderContractTest.class, 10L, 0L),
                // 5 features x 9 per-feature rules + 2: PROGRESS and PLAYLISTS are not declared (18
                // skips), and RATINGS takes every media type, so 2.8 has nothing to reject there.
                Arguments.of(MemoryConnectorContractTest.class, 28L, 19L),
                Arguments.of(MemoryMetadataProviderContractTest.class, 7L, 0L));
    }

    /** A correct provider that lacks the optional hooks sees those rules skipped, not failed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutOptionalHooks")
    void missingOptionalHooksSkipRules(Class<?> contractRun, Set<String> expectedSkips) {
        Events tests = run(contractRun);
        assertEquals(Set.of(), failedRules(tests), () -> describeFailures(tests));
        assertEquals(new TreeSet<>(expectedSkips), rules(tests.aborted()));
    }

    static Stream<Arguments> withoutOptionalHooks() {
        return Stream.of(
                Arguments.of(AuthWithoutOptionalHooks.class, Set.of("optional_1_8_failuresAreTypedAndSecretFree",
                        "optional_1_9_disconnectClearsSecretsWhenServiceIsDown")),
                Arguments.of(MetadataWithoutOptionalHooks.class, Set.of("optional_3_6_backendFailureIsTypedException")));
    }

    /** The reference auth provider, without {@code breakBackend()}: the default hook must skip. */
    static class AuthWithoutOptionalHooks extends AuthProviderContract {
        private io.crosswatch.testkit.reference.MemoryBackend backend;

        @Override
        protected io.crosswatch.api.auth.AuthProvider provider() {
            return ProviderTestKit.forName("memory").authProvider();
        }

        @Override
        protected io.crosswatch.api.ProviderConfig configuredConfig() {
            return io.crosswatch.api.ProviderConfig.of("memory", "default",
                    java.util.Map.of("clientId", "client-0042", "backend", getClass().getName()));
        }

        @Override
        protected java.util.Map<String, String> startPayload() {
            return java.util.Map.of();
        }

        @Override
        protected void userApproves(io.crosswatch.api.auth.AuthStep step) {
            backend.approve(step.state().get("deviceCode"));
        }

        @Override
        protected void resetBackend() {
            backend = io.crosswatch.testkit.reference.MemoryBackend.reset(getClass().getName());
        }
    }

    /** The reference metadata run without {@code brokenContext()}. */
    static class MetadataWithoutOptionalHooks extends MemoryMetadataProviderContractTest {
        @Override
        protected Optional<io.crosswatch.api.ProviderContext> brokenContext() {
            return Optional.empty();
        }
    }

    private static Events run(Class<?> contractRun) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractRun))
                .execute();
        assertEquals(0, results.containerEvents().failed().count(), "a container failed: check the hooks");
        return results.testEvents();
    }

    private static Set<String> failedRules(Events tests) {
        return rules(tests.failed());
    }

    private static Set<String> rules(Events events) {
        return events.stream().map(e -> rule(e.getTestDescriptor())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String rule(TestDescriptor d) {
        return d.getSource().filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                .orElse(d.getDisplayName());
    }

    private static String describeFailures(Events tests) {
        return tests.failed().stream().map(ContractsCatchFaultsTest::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Event e) {
        String cause = e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("?");
        return "  " + rule(e.getTestDescriptor()) + " " + e.getTestDescriptor().getDisplayName() + ": " + cause;
    }
}
