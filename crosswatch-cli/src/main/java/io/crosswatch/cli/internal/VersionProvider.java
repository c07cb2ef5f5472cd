package io.crosswatch.cli.internal;

import io.crosswatch.api.ApiVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code crosswatch --version}: the CLI module's version and the provider API version. */
public final class VersionProvider implements IVersionProvider {

    /** Picocli creates it. */
    public VersionProvider() {
    }

    @Override
    public String[] getVersion() {
        String v = RootCommand.class.getModule().getDescriptor() == null ? null
                : RootCommand.class.getModule().getDescriptor().rawVersion().orElse(null);
        if (v == null) {
            v = RootCommand.class.getPackage().getImplementationVersion();
        }
        return new String[] {"crosswatch " + (v == null ? "(unknown version)" : v) + " (provider API "
                + ApiVersion.CURRENT + ", Java " + Runtime.version() + ")"};
    }
}
