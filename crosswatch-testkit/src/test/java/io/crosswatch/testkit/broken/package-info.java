/**
 * Contract runs against deliberately broken providers, one fault each. Their names end in
 * {@code Case}, so Surefire does not run them directly; {@link
 * io.crosswatch.testkit.ContractsCatchFaultsTest} runs them through the JUnit Platform and
 * asserts exactly which rules fail.
 */
package io.crosswatch.testkit.broken;
