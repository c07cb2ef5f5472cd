/**
 * The CrossWatch command line ({@code crosswatch}): init, providers, connect, sync, plan, import,
 * export, metadata, status, unresolved and quickstart, on top of {@code io.crosswatch.core}.
 * Providers are found by core's discovery (module path and the plugins directory), so a new
 * provider needs no change here.
 *
 * @since 0.1
 */
module io.crosswatch.cli {
    requires transitive io.crosswatch.api;
    requires transitive io.crosswatch.core;
    requires info.picocli;
    requires java.logging;

    exports io.crosswatch.cli;

    // picocli reads the command annotations and sets option fields reflectively.
    opens io.crosswatch.cli to info.picocli;
    // picocli reads the command annotations and sets option fields reflectively.
    opens io.crosswatch.cli.internal to info.picocli;
}
