/**
 * The SIMKL connector: watchlist (plan to watch), history (completed movies, watched episodes)
 * and ratings over {@code api.simkl.com}'s {@code /sync} endpoints. Not exported.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.simkl;
