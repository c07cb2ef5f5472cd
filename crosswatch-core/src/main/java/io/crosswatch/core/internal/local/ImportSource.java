package io.crosswatch.core.internal.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of an import: a single file, the files of a directory (recursively) or the entries of
 * a ZIP archive, each opened as a stream on demand so nothing is loaded whole.
 */
public final class ImportSource implements AutoCloseable {

    /** One file of the source. */
    public interface Entry {
        /** @return the path inside the source with {@code /} separators, e.g. {@code lists/watchlist.json} */
        String name();

        /** @return a display name for messages: the file, or {@code archive.zip!entry} */
        String display();

        /** @return the lower-case base name, e.g. {@code watchlist.json} */
        default String baseName() {
            String n = name();
            int slash = n.lastIndexOf('/');
            return (slash >= 0 ? n.substring(slash + 1) : n).toLowerCase(Locale.ROOT);
        }

        /** @return a fresh stream over the content; the caller closes it */
        InputStream open() throws IOException;
    }

    private final List<Entry> entries;
    private final ZipFile zip;
    private final boolean archiveOrDirectory;

    private ImportSource(List<Entry> entries, ZipFile zip, boolean archiveOrDirectory) {
        this.entries = entries;
        this.zip = zip;
        this.archiveOrDirectory = archiveOrDirectory;
    }

    /**
     * @param path a file, a directory or a {@code .zip}
     * @return the source
     * @throws IOException when it cannot be listed
     */
    public static ImportSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).forEach(p -> {
                    String rel = path.relativize(p).toString().replace('\\', '/');
                    out.add(fileEntry(p, rel));
                });
            }
            return new ImportSource(List.copyOf(out), null, true);
        }
        if (isZip(path)) {
            ZipFile zf = new ZipFile(path.toFile());
            List<Entry> out = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry ze = en.nextElement();
                if (ze.isDirectory() || ze.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                out.add(new Entry() {
                    @Override
                    public String name() {
                        return ze.getName();
                    }

                    @Override
                    public String display() {
                        return path.getFileName() + "!" + ze.getName();
                    }

                    @Override
                    public InputStream open() throws IOException {
                        return zf.getInputStream(ze);
                    }
                });
            }
            out.sort(Comparator.comparing(Entry::name));
            return new ImportSource(List.copyOf(out), zf, true);
        }
        return new ImportSource(List.of(fileEntry(path, path.getFileName().toString())), null, false);
    }

    private static boolean isZip(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file to import");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static Entry fileEntry(Path p, String rel) {
        return new Entry() {
            @Override
            public String name() {
                return rel;
            }

            @Override
            public String display() {
                return p.toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(p);
            }
        };
    }

    /** @return the files, sorted by name */
    public List<Entry> entries() {
        return entries;
    }

    /** @return whether this is a directory or an archive (file names decide meanings) */
    public boolean isCollection() {
        return archiveOrDirectory;
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
