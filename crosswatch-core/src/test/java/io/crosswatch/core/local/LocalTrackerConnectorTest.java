package io.crosswatch.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTrackerConnectorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T20:15:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ConnectorSession open(Map<String, ?> config) {
        ProviderStore store = ProviderStore.inMemory(ProviderConfig.of("local", ProviderConfig.DEFAULT_INSTANCE, config));
        return new LocalTrackerConnector().open(ProviderContext.of(store, CLOCK, Sleeper.SYSTEM));
    }

    private ConnectorSession open() {
        return open(Map.of("path", "tracker.db", "baseDir", dir.toString()));
    }

    static MediaItem matrix() {
        return MediaItem.builder(MediaType.MOVIE).title("The Matrix").year(1999)
                .ids(MediaIds.of("imdb", "tt0133093", "tmdb", "603")).build();
    }

    static MediaItem dune() {
        return MediaItem.builder(MediaType.MOVIE).title("Dune").year(2021).ids(MediaIds.of("tmdb", "438631")).build();
    }

    static MediaItem darkEpisode() {
        return MediaItem.builder(MediaType.EPISODE).showTitle("Dark").showIds(MediaIds.of("tvdb", "334824"))
                .season(1).episode(3).build();
    }

    private static List<Outcome> outcomes(WriteResult r) {
        return r.outcomes().stream().map(WriteResult.ItemOutcome::outcome).collect(Collectors.toList());
    }

    @Test
    void manifestDeclaresEveryFeatureNoAuthAndPlayEvents() {
        ConnectorManifest m = new LocalTrackerConnector().manifest();
        assertEquals("local", m.name());
        assertTrue(m.authProvider().isEmpty());
        assertEquals(java.util.EnumSet.allOf(Feature.class), m.features());
        assertTrue(m.capabilities().keepsPlayEvents());
        assertTrue(m.capabilities().setsWatchedDate());
        for (Feature f : Feature.values()) {
            assertEquals(io.crosswatch.api.sync.IndexSemantics.FULL, m.capabilities().index(f));
        }
    }

    @Test
    void healthIsUpWhileOpenAndDownAfterClose() {
        ConnectorSession s = open();
        assertEquals(io.crosswatch.api.sync.Health.State.UP, s.health().state());
        s.close();
        assertEquals(io.crosswatch.api.sync.Health.State.DOWN, s.health().state());
    }

    @Test
    void isDiscoveredThroughServiceLoader() {
        assertTrue(ServiceLoader.load(Connector.class).stream()
                .anyMatch(p -> p.type() == LocalTrackerConnector.class));
    }

    @Test
    void addReadRemoveForEveryFeature() {
        Map<Feature, MediaItem> samples = Map.of(
                Feature.WATCHLIST, matrix(),
                Feature.RATINGS, matrix().toBuilder().rating(9).ratedAt(T0).build(),
                Feature.HISTORY, darkEpisode().toBuilder().watchedAt(T0).build(),
                Feature.PROGRESS, dune().toBuilder().playback(new Playback(Duration.ofMinutes(40),
                        Duration.ofMinutes(155), T0)).build(),
                Feature.PLAYLISTS, dune().toBuilder().list("Sci-fi").build());
        try (ConnectorSession s = open()) {
            for (Feature f : Feature.values()) {
                MediaItem item = samples.get(f);
                assertEquals(List.of(Outcome.ADDED), outcomes(s.add(f, List.of(item), false)), f.key());
                ReadResult read = s.read(f);
                assertTrue(read.isComplete());
                assertEquals(List.of(item), read.items(), f.key());
                assertEquals(List.of(Outcome.REMOVED), outcomes(s.remove(f, List.of(item), false)), f.key());
                assertEquals(List.of(), s.read(f).items(), f.key());
                assertEquals(List.of(Outcome.NOT_FOUND), outcomes(s.remove(f, List.of(item), false)), f.key());
            }
        }
    }

    @Test
    void reAddIsExistingAndChangedRatingOrProgressIsUpdated() {
        try (ConnectorSession s = open()) {
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING),
                    outcomes(s.add(Feature.WATCHLIST, List.of(matrix(), matrix()), false)));
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.WATCHLIST, List.of(matrix()), false)));
            assertEquals(1, s.read(Feature.WATCHLIST).items().size());

            MediaItem rated = matrix().toBuilder().rating(7).ratedAt(T0).build();
            s.add(Feature.RATINGS, List.of(rated), false);
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.RATINGS, List.of(rated), false)));
            MediaItem rerated = rated.toBuilder().rating(9).build();
            assertEquals(List.of(Outcome.UPDATED), outcomes(s.add(Feature.RATINGS, List.of(rerated), false)));
            assertEquals(List.of(9), s.read(Feature.RATINGS).items().stream().map(i -> i.rating().orElseThrow()).toList());

            MediaItem p1 = dune().toBuilder().playback(new Playback(Duration.ofMinutes(10), Duration.ofMinutes(155), T0)).build();
            MediaItem p2 = dune().toBuilder().playback(new Playback(Duration.ofMinutes(50), Duration.ofMinutes(155),
                    T0.plusSeconds(3600))).build();
            s.add(Feature.PROGRESS, List.of(p1), false);
            assertEquals(List.of(Outcome.UPDATED), outcomes(s.add(Feature.PROGRESS, List.of(p2), false)));
            assertEquals(List.of(p2), s.read(Feature.PROGRESS).items());
        }
    }

    @Test
    void activityTokenMovesOnlyWhenACommittedWriteChangesTheFeature() {
        assertTrue(new LocalTrackerConnector().manifest().capabilities().hasActivities());
        try (ConnectorSession s = open()) {
            String empty = token(s, Feature.WATCHLIST);
            s.read(Feature.WATCHLIST);
            assertEquals(empty, token(s, Feature.WATCHLIST), "a read changes nothing");
            s.add(Feature.WATCHLIST, List.of(matrix()), true);
            assertEquals(empty, token(s, Feature.WATCHLIST), "a dry run changes nothing");
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            String one = token(s, Feature.WATCHLIST);
            assertNotEquals(empty, one);
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            assertEquals(one, token(s, Feature.WATCHLIST), "an EXISTING re-add changes nothing");
            String ratings = token(s, Feature.RATINGS);
            s.remove(Feature.WATCHLIST, List.of(matrix()), false);
            assertNotEquals(one, token(s, Feature.WATCHLIST));
            assertEquals(ratings, token(s, Feature.RATINGS), "other features keep their token");
        }
        try (ConnectorSession s = open(Map.of("path", "other.db", "baseDir", dir.toString()))) {
            assertNotEquals(token(open(), Feature.WATCHLIST).split(":")[0], token(s, Feature.WATCHLIST).split(":")[0],
                    "another file never shares a token, even at the same counter");
        }
    }

    private static String token(ConnectorSession s, Feature f) {
        return s.activities().orElseThrow().token(f).orElseThrow();
    }

    @Test
    void dryRunReportsOutcomesAndWritesNothing() {
        try (ConnectorSession s = open()) {
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            WriteResult dry = s.add(Feature.WATCHLIST, List.of(matrix(), dune()), true);
            assertEquals(List.of(Outcome.EXISTING, Outcome.ADDED), outcomes(dry));
            assertEquals(List.of(matrix()), s.read(Feature.WATCHLIST).items());
            assertEquals(List.of(Outcome.REMOVED), outcomes(s.remove(Feature.WATCHLIST, List.of(matrix()), true)));
            assertEquals(List.of(matrix()), s.read(Feature.WATCHLIST).items());
        }
    }

    @Test
    void anyStrongIdMatchesAndTypesDoNotCollide() {
        try (ConnectorSession s = open()) {
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            MediaItem byTmdbOnly = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603")).build();
            MediaItem byImdbAndTrakt = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0133093", "trakt", "481")).build();
            MediaItem showWithSameTmdb = MediaItem.builder(MediaType.SHOW).title("Some show").ids(MediaIds.of("tmdb", "603")).build();
            assertEquals(List.of(Outcome.EXISTING, Outcome.EXISTING, Outcome.ADDED),
                    outcomes(s.add(Feature.WATCHLIST, List.of(byTmdbOnly, byImdbAndTrakt, showWithSameTmdb), false)));
            // An episode known by its own id or by show id + numbers is the same episode.
            MediaItem ep = darkEpisode().toBuilder().ids(MediaIds.of("tvdb", "6180356")).build();
            s.add(Feature.WATCHLIST, List.of(ep), false);
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.WATCHLIST, List.of(darkEpisode()), false)));
            assertEquals(List.of(Outcome.REMOVED), outcomes(s.remove(Feature.WATCHLIST, List.of(byTmdbOnly), false)));
            assertEquals(2, s.read(Feature.WATCHLIST).items().size());
        }
    }

    @Test
    void weakMatchUsesTheEnginesTitleRuleAndRefusesAmbiguousTitles() {
        try (ConnectorSession s = open()) {
            // the shared normalization: articles, accents, punctuation and '&' do not matter
            s.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).title("Amélie & Nino").year(2001).rating(8).build()),
                    false);
            MediaItem withIds = MediaItem.builder(MediaType.MOVIE).title("The Amelie and Nino!").year(2001)
                    .ids(MediaIds.of("imdb", "tt0211915")).rating(8).build();
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.RATINGS, List.of(withIds), false)));

            // two stored films with ids share a title and year: an id-less row matches neither, and removing it deletes nothing
            MediaItem heatA = MediaItem.builder(MediaType.MOVIE).title("Heat").year(1995).ids(MediaIds.of("imdb", "tt0113277")).build();
            MediaItem heatB = MediaItem.builder(MediaType.MOVIE).title("Heat").year(1995).ids(MediaIds.of("imdb", "tt9999991")).build();
            s.add(Feature.WATCHLIST, List.of(heatA, heatB), false);
            MediaItem idLess = MediaItem.builder(MediaType.MOVIE).title("heat").year(1995).build();
            WriteResult add = s.add(Feature.WATCHLIST, List.of(idLess), false);
            assertEquals(List.of(Outcome.FAILED), outcomes(add));
            assertTrue(add.outcomes().get(0).reason().startsWith("ambiguous title match"), add::toString);
            assertEquals(List.of(Outcome.FAILED), outcomes(s.remove(Feature.WATCHLIST, List.of(idLess), false)));
            assertEquals(2, s.read(Feature.WATCHLIST).items().size());
        }
    }

    @Test
    void aVersionOneFileIsRekeyedWithTheSharedTitleRule() throws Exception {
        Path file = dir.resolve("v1.db");
        try (LocalTracker t = LocalTracker.open(file)) {
            t.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).title("The Matrix").year(1999).rating(9).build()), false);
        }
        // make it look like a file written by schema version 1, whose keys kept the leading article
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM schema_version WHERE version >= 2");
            assertTrue(st.executeUpdate("UPDATE item_keys SET key = replace(key, 'title:matrix|', 'title:the matrix|')") > 0);
        }
        try (LocalTracker t = LocalTracker.open(file)) {
            MediaItem withIds = MediaItem.builder(MediaType.MOVIE).title("Matrix").year(1999)
                    .ids(MediaIds.of("imdb", "tt0133093")).rating(9).build();
            assertEquals(List.of(Outcome.EXISTING), outcomes(t.add(Feature.RATINGS, List.of(withIds), false)));
            assertEquals(1, t.count(Feature.RATINGS));
        }
    }

    @Test
    void titleAndYearMatchWeaklyButNeverMergeTwoIdentifiedItems() {
        try (ConnectorSession s = open()) {
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            MediaItem letterboxdRow = MediaItem.builder(MediaType.MOVIE).title("the  matrix").year(1999).build();
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.WATCHLIST, List.of(letterboxdRow), false)));
            MediaItem otherFilmSameTitle = MediaItem.builder(MediaType.MOVIE).title("The Matrix").year(1999)
                    .ids(MediaIds.of("imdb", "tt9999999")).build();
            assertEquals(List.of(Outcome.ADDED), outcomes(s.add(Feature.WATCHLIST, List.of(otherFilmSameTitle), false)));

            MediaItem weakDune = MediaItem.builder(MediaType.MOVIE).title("Dune").year(2021).build();
            s.add(Feature.RATINGS, List.of(weakDune.toBuilder().rating(8).build()), false);
            assertEquals(List.of(Outcome.EXISTING), outcomes(s.add(Feature.RATINGS, List.of(dune().toBuilder().rating(8).build()), false)));
        }
    }

    @Test
    void historyKeepsPlaysAndDedupsTheSameMinute() {
        try (ConnectorSession s = open()) {
            MediaItem play = matrix().toBuilder().watchedAt(T0).build();
            MediaItem sameMinute = matrix().toBuilder().watchedAt(T0.plusSeconds(40)).build();
            MediaItem nextDay = matrix().toBuilder().watchedAt(T0.plus(Duration.ofDays(1))).build();
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING, Outcome.ADDED),
                    outcomes(s.add(Feature.HISTORY, List.of(play, sameMinute, nextDay), false)));
            assertEquals(2, s.read(Feature.HISTORY).items().size());
            assertEquals(List.of(Outcome.REMOVED), outcomes(s.remove(Feature.HISTORY, List.of(sameMinute), false)));
            assertEquals(List.of(nextDay), s.read(Feature.HISTORY).items());
            s.add(Feature.HISTORY, List.of(play), false);
            // Without a date, a removal takes every play of the item.
            assertEquals(List.of(Outcome.REMOVED), outcomes(s.remove(Feature.HISTORY, List.of(matrix()), false)));
            assertEquals(List.of(), s.read(Feature.HISTORY).items());
        }
    }

    @Test
    void playlistsAreScopedByListName() {
        try (ConnectorSession s = open()) {
            MediaItem a = dune().toBuilder().list("Sci-fi").build();
            MediaItem b = dune().toBuilder().list("Favourites").build();
            assertEquals(List.of(Outcome.ADDED, Outcome.ADDED, Outcome.EXISTING),
                    outcomes(s.add(Feature.PLAYLISTS, List.of(a, b, a), false)));
            s.remove(Feature.PLAYLISTS, List.of(a), false);
            assertEquals(List.of(b), s.read(Feature.PLAYLISTS).items());
        }
    }

    @Test
    void dataSurvivesReopeningTheFileAndTheFileIsPrivate() throws Exception {
        MediaItem withAttrs = matrix().toBuilder().watchedAt(T0).attribute("trakt.history_id", "123").build();
        try (ConnectorSession s = open()) {
            s.add(Feature.HISTORY, List.of(withAttrs), false);
        }
        try (ConnectorSession s = open()) {
            assertEquals(List.of(withAttrs), s.read(Feature.HISTORY).items());
        }
        Path file = dir.resolve("tracker.db");
        assertTrue(Files.exists(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (LocalTracker t = LocalTracker.open(file)) {
            assertEquals(List.of(withAttrs), t.items(Feature.HISTORY));
            assertEquals(1, t.count(Feature.HISTORY));
        }
    }

    @Test
    void pathResolvesAgainstBaseDirAndDefaults() {
        Path base = dir.resolve("cfg");
        assertEquals(base.resolve("local-tracker.db").toAbsolutePath(), LocalTrackerConnector.resolveFile(
                ProviderConfig.of("local", "default", Map.of("baseDir", base.toString()))));
        Path abs = dir.resolve("elsewhere.db").toAbsolutePath();
        assertEquals(abs, LocalTrackerConnector.resolveFile(
                ProviderConfig.of("local", "default", Map.of("baseDir", base.toString(), "path", abs.toString()))));
        assertEquals(Path.of("local-tracker.db").toAbsolutePath(),
                LocalTrackerConnector.resolveFile(ProviderConfig.empty("local")));
    }

    @Test
    void aNonSqliteFileFailsWithTheFileName() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a database, just some text that is long enough to fill a header page");
        io.crosswatch.api.ProviderException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.crosswatch.api.ProviderException.class, () -> LocalTracker.open(junk));
        assertTrue(e.getMessage().contains("junk.db"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void importItemsThroughTheSdkEntry() {
        try (LocalTracker t = LocalTracker.open(dir.resolve("sdk.db"))) {
            WriteResult r = t.importItems(Feature.WATCHLIST, List.of(matrix(), dune(), matrix()));
            assertEquals(List.of(Outcome.ADDED, Outcome.ADDED, Outcome.EXISTING), outcomes(r));
            assertEquals(List.of(matrix(), dune()), t.items(Feature.WATCHLIST));
        }
    }

    @Test
    void bulkImportAndReImportOfFiveThousandItems() {
        List<MediaItem> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            many.add(MediaItem.builder(MediaType.MOVIE).title("Film " + i).year(2000 + i % 20)
                    .ids(MediaIds.of("imdb", "tt" + (1_000_000 + i))).rating(i % 10 + 1).build());
        }
        try (LocalTracker t = LocalTracker.open(dir.resolve("bulk.db"), CLOCK)) {
            assertEquals(5_000, t.importItems(Feature.RATINGS, many).count(Outcome.ADDED));
            assertEquals(5_000, t.importItems(Feature.RATINGS, many).count(Outcome.EXISTING));
            assertEquals(many, t.items(Feature.RATINGS));
        }
    }

    /**
     * A large write, in chunks as a sync run sends it and with another writer in between, must give
     * the same outcomes and leave the same rows as item-by-item writes, on a mix with duplicates
     * inside the batch, changed ratings, id-less titles (some ambiguous) and episodes. Guards any
     * set-based bulk path against drifting from the one-item semantics.
     */
    @Test
    void aBulkWriteAnswersExactlyAsItemByItemWrites() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        List<MediaItem> seed = new java.util.ArrayList<>();
        List<MediaItem> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int n = r.nextInt(150);
            MediaItem.Builder b;
            switch (r.nextInt(5)) {
                case 0 -> b = MediaItem.builder(MediaType.MOVIE).title("Film " + n % 40).year(2000 + n % 3)
                        .ids(MediaIds.of("imdb", "tt" + (2_000_000 + n)));
                case 1 -> b = MediaItem.builder(MediaType.MOVIE).title("Film " + n % 40).year(2000 + n % 3)
                        .ids(MediaIds.of("tmdb", String.valueOf(500 + n), "imdb", "tt" + (2_000_000 + n)));
                case 2 -> b = MediaItem.builder(MediaType.MOVIE).title("Film " + n % 40).year(2000 + n % 3);
                case 3 -> b = MediaItem.builder(MediaType.EPISODE).showTitle("Show " + n % 7)
                        .showIds(MediaIds.of("tvdb", String.valueOf(70 + n % 7))).season(1).episode(1 + n % 9);
                default -> b = MediaItem.builder(MediaType.SHOW).title("Series " + n % 30).year(1990 + n % 2)
                        .ids(n % 2 == 0 ? MediaIds.of("tmdb", String.valueOf(500 + n)) : MediaIds.empty());
            }
            b.rating(1 + r.nextInt(10)).watchedAt(T0.minusSeconds(60L * r.nextInt(5))).list("list " + n % 2);
            (i < 100 ? seed : batch).add(b.build());
        }
        for (Feature feature : List.of(Feature.RATINGS, Feature.WATCHLIST, Feature.HISTORY, Feature.PLAYLISTS)) {
            try (LocalTracker bulk = LocalTracker.open(dir.resolve("bulk-" + feature.key() + ".db"), CLOCK);
                 LocalTracker single = LocalTracker.open(dir.resolve("single-" + feature.key() + ".db"), CLOCK)) {
                for (MediaItem item : seed) {
                    bulk.add(feature, List.of(item), false);
                    single.add(feature, List.of(item), false);
                }
                List<MediaItem> seeded = bulk.items(feature);
                // another writer changes the feature before item 200 (a re-rating of that item)
                MediaItem other = batch.get(200).toBuilder().rating(batch.get(200).rating().orElse(1) % 10 + 1).build();
                List<WriteResult.ItemOutcome> expected = new java.util.ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (i == 200) {
                        single.add(feature, List.of(other), false);
                    }
                    expected.addAll(single.add(feature, List.of(batch.get(i)), false).outcomes());
                }
                assertEquals(expected.subList(0, 200), bulk.add(feature, batch.subList(0, 200), true).outcomes(),
                        feature.key() + " (dry run)");
                assertEquals(seeded, bulk.items(feature), feature.key() + ": a dry run writes nothing");
                // written in chunks, as a sync run does, with another writer changing the feature in between
                List<WriteResult.ItemOutcome> outcomes = new java.util.ArrayList<>();
                for (int from = 0; from < batch.size(); from += 100) {
                    if (from == 200) {
                        try (LocalTracker another = LocalTracker.open(dir.resolve("bulk-" + feature.key() + ".db"), CLOCK)) {
                            another.add(feature, List.of(other), false);
                        }
                    }
                    outcomes.addAll(bulk.add(feature, batch.subList(from, Math.min(batch.size(), from + 100)), false).outcomes());
                }
                assertEquals(expected, outcomes, feature.key());
                assertEquals(single.items(feature), bulk.items(feature), feature.key());
                assertTrue(expected.stream().anyMatch(o -> o.outcome() == Outcome.ADDED), feature.key());
                assertTrue(expected.stream().anyMatch(o -> o.outcome() != Outcome.ADDED), feature.key());
            }
        }
    }
}
