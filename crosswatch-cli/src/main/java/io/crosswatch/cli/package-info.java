/**
 * The CrossWatch command line: {@link io.crosswatch.cli.CrossWatchCli} is the entry point and
 * {@link io.crosswatch.cli.CliEnvironment} what it runs against (streams, environment, paths,
 * clock), so every command can be run in-process and hermetically.
 *
 * @since 0.1
 */
package io.crosswatch.cli;
