/**
 * The commands and their helpers (report rendering, error mapping, starter config, sample
 * data). Not exported.
 */
package io.crosswatch.cli.internal;
