/**
 * The SIMKL auth provider: the PIN (device) flow against {@code api.simkl.com}. Not exported.
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.simkl;
