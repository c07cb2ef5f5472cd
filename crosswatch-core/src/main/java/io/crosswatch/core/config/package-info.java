/**
 * The configuration file: one JSON document holding provider blocks (with named instances for
 * several accounts), the pairs to sync, sync defaults and metadata preferences.
 *
 * <p>{@link io.crosswatch.core.config.ConfigStore} reads and validates it (errors name the JSON
 * path) and writes it atomically with owner-only permissions; {@link
 * io.crosswatch.core.config.CrossWatchConfig} is the immutable, secret-redacting view.
 *
 * @since 0.1
 */
package io.crosswatch.core.config;
