package io.crosswatch.cli.internal;

import io.crosswatch.cli.CliEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled sample data: next to the launcher ({@code $APP_HOME/sample-data}), in the
 * working directory ({@code examples/sample-data}, the source tree), else the copy inside the
 * CLI jar, extracted into a directory.
 */
final class SampleData {

    /** The bundled files, relative to the sample-data directory. */
    static final List<String> FILES = List.of("letterboxd/watched.csv", "letterboxd/ratings.csv",
            "letterboxd/watchlist.csv", "imdb/ratings.csv");
    /** The Letterboxd files quickstart imports: the diary and the watchlist. */
    static final List<String> LETTERBOXD_FILES = List.of("letterboxd/watched.csv", "letterboxd/watchlist.csv");
    static final String IMDB_RATINGS = "imdb/ratings.csv";

    private SampleData() {
    }

    /** Where the sample data was found and how. */
    record Location(Path dir, String origin) {
    }

    /**
     * @param env        the environment
     * @param extractDir where to extract the jar's copy when no directory has the files
     * @return the directory holding {@link #FILES}
     */
    static Location locate(CliEnvironment env, Path extractDir) {
        List<Path> candidates = new ArrayList<>();
        env.installDir().ifPresent(d -> candidates.add(d.resolve("sample-data")));
        candidates.add(env.workingDir().resolve("examples").resolve("sample-data"));
        for (Path c : candidates) {
            if (complete(c)) {
                return new Location(c, c.toString());
            }
        }
        return new Location(extract(extractDir), "the CrossWatch jar (extracted to " + extractDir + ")");
    }

    private static boolean complete(Path dir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static Path extract(Path dir) {
        for (String f : FILES) {
            Path target = dir.resolve(f);
            try (InputStream in = resource(f).orElseThrow(() -> new CliException("the sample file " + f
                    + " is not bundled in this build", "run quickstart from the source tree or the install directory"))) {
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the sample data to " + dir + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** Resource names with a '-' are not in a package, so the module does not encapsulate them. */
    private static Optional<InputStream> resource(String file) throws IOException {
        String name = "sample-data/" + file;
        Module m = SampleData.class.getModule();
        InputStream in = m.isNamed() ? m.getResourceAsStream(name) : SampleData.class.getResourceAsStream("/" + name);
        return Optional.ofNullable(in);
    }
}
