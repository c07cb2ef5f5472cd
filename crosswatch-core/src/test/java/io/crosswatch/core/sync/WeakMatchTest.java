package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Id-less items (Letterboxd rows) against items with ids (IMDb rows): the engine's weak title match. */
class WeakMatchTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "The Matrix                     | matrix",
        "THE MATRIX                     | matrix",
        "matrix                         | matrix",
        "Amélie                         | amelie",
        "Léon: The Professional         | leon the professional",
        "Fast & Furious                 | fast and furious",
        "Fast and Furious               | fast and furious",
        "A Beautiful Mind               | beautiful mind",
        "An Education                   | education",
        "Spider-Man: Into the Spider-Verse | spider man into the spider verse",
        "'  Se7en!  '                   | se7en",
        "Theory of Everything           | theory of everything",
        "Annie Hall                     | annie hall",
        "A                              | a",
        "Æon Flux                       | æon flux",
        "Ｍｏｎｏｎｏｋｅ               | mononoke",
    })
    void weakTitleKeyNormalizes(String title, String expected) {
        assertEquals(expected, Ids.weakTitleKey(title));
    }

    @Test
    void weakTitleKeyOfNothingIsEmpty() {
        assertEquals("", Ids.weakTitleKey(null));
        assertEquals("", Ids.weakTitleKey(" -- "));
    }

    static MediaItem letterboxd(String title, int year, int rating) {
        return MediaItem.builder(MediaType.MOVIE).title(title).year(year).rating(rating).ratedAt(T0).build();
    }

    static MediaItem imdb(String tt, String title, int year, int rating) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of(MediaIds.IMDB, tt)).title(title).year(year)
                .rating(rating).ratedAt(T0).build();
    }

    static FeaturePlan ratings(PlanOptions options, List<MediaItem> a, List<MediaItem> aBase, List<MediaItem> b,
                               List<MediaItem> bBase) {
        PlanInput in = PlanInput.builder(SyncMode.TWO_WAY, T0).options(options)
                .feature(Feature.RATINGS, FeatureInput.of(SideSnapshot.builder("letterboxd").items(a).baseline(aBase).build(),
                        SideSnapshot.builder("imdb").items(b).baseline(bBase).build()))
                .build();
        return Planner.plan(in).feature(Feature.RATINGS).orElseThrow();
    }

    static FeaturePlan ratings(List<MediaItem> a, List<MediaItem> aBase, List<MediaItem> b, List<MediaItem> bBase) {
        return ratings(PlanOptions.defaults(), a, aBase, b, bBase);
    }

    static List<String> titles(List<PlannedChange> changes) {
        return changes.stream().map(c -> c.item().title().orElse("?")).sorted().collect(Collectors.toList());
    }

    /** Applies a plan's adds the way a side that stores what it is sent would. */
    static List<MediaItem> after(List<MediaItem> items, FeaturePlan p, Side side) {
        List<MediaItem> out = new ArrayList<>(items);
        p.adds(side).forEach(c -> out.add(c.item()));
        return out;
    }

    @Test
    void idLessRatingsConvergeWithRatingsWithIdsAndASecondRunWritesNothing() {
        List<MediaItem> lb = List.of(letterboxd("The Matrix", 1999, 9), letterboxd("Amélie", 2001, 8),
                letterboxd("Fast & Furious", 2009, 4), letterboxd("Paddington 2", 2017, 10));
        List<MediaItem> im = List.of(imdb("tt0133093", "Matrix", 1999, 9), imdb("tt0211915", "AMELIE", 2001, 8),
                imdb("tt1013752", "Fast and Furious", 2009, 4), imdb("tt0110912", "Pulp Fiction", 1994, 10));

        FeaturePlan first = ratings(lb, null, im, null);
        assertEquals(List.of("Paddington 2"), titles(first.adds(Side.TARGET)), "only the film IMDb lacks");
        assertEquals(List.of("Pulp Fiction"), titles(first.adds(Side.SOURCE)), "only the film Letterboxd lacks");
        assertTrue(first.updates().isEmpty() && first.removes().isEmpty(), first.toString());
        assertTrue(first.skipped().isEmpty(), first.skipped().toString());

        List<MediaItem> lb2 = after(lb, first, Side.SOURCE);
        List<MediaItem> im2 = after(im, first, Side.TARGET);
        FeaturePlan second = ratings(lb2, lb2, im2, im2);
        assertFalse(second.hasWrites(), second.toString());
        assertTrue(second.skipped().isEmpty(), second.skipped().toString());
    }

    @Test
    void anAmbiguousTitleNeverMatchesAndIsReported() {
        List<MediaItem> lb = List.of(letterboxd("Heat", 1995, 8));
        List<MediaItem> im = List.of(imdb("tt0113277", "Heat", 1995, 9), imdb("tt9999991", "Heat", 1995, 3));

        FeaturePlan p = ratings(lb, null, im, null);
        assertTrue(p.adds().isEmpty(), "nothing is written for an ambiguous title: " + p.adds());
        assertTrue(p.updates().isEmpty(), p.updates().toString());
        assertEquals(3, p.skipped().size(), p.skipped().toString());
        assertTrue(p.skipped().stream().allMatch(c -> c.reason().startsWith("ambiguous title match: 2 different items")),
                p.skipped().toString());
    }

    @Test
    void aSingleCandidateOnEachSideIsStillOneCandidate() {
        // the same film with ids on both sides is one cluster, so the id-less copy still matches it
        MediaItem withIds = imdb("tt0133093", "The Matrix", 1999, 9);
        FeaturePlan p = ratings(List.of(letterboxd("Matrix", 1999, 9), withIds), null, List.of(withIds), null);
        assertFalse(p.hasWrites(), p.toString());
        assertTrue(p.skipped().isEmpty(), p.skipped().toString());
    }

    @Test
    void yearsMustBeEqualUnlessTheToleranceIsOne() {
        List<MediaItem> lb = List.of(letterboxd("Parasite", 2019, 10));
        List<MediaItem> im = List.of(imdb("tt6751668", "Parasite", 2020, 10));
        FeaturePlan strict = ratings(lb, null, im, null);
        assertEquals(1, strict.adds(Side.TARGET).size());
        assertEquals(1, strict.adds(Side.SOURCE).size());

        PlanOptions tolerant = PlanOptions.from(Map.of(PlanOptions.MATCH_YEAR_TOLERANCE, "1"));
        assertEquals(1, tolerant.yearTolerance());
        assertFalse(ratings(tolerant, lb, null, im, null).hasWrites());
    }

    @Test
    void typesMustBeEqual() {
        MediaItem show = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of(MediaIds.IMDB, "tt0098904")).title("Seinfeld")
                .year(1989).rating(9).ratedAt(T0).build();
        FeaturePlan p = ratings(List.of(letterboxd("Seinfeld", 1989, 9)), null, List.of(show), null);
        assertEquals(1, p.adds(Side.TARGET).size());
        assertEquals(1, p.adds(Side.SOURCE).size());
    }

    @Test
    void deletionsOfAWeaklyMatchedItemPropagateAgainstTheBaseline() {
        MediaItem lbMatrix = letterboxd("The Matrix", 1999, 9);
        MediaItem imMatrix = imdb("tt0133093", "Matrix", 1999, 9);
        MediaItem lbOther = letterboxd("Paddington 2", 2017, 10);
        MediaItem imOther = imdb("tt0110912", "Pulp Fiction", 1994, 10);
        List<MediaItem> lbBase = List.of(lbMatrix, lbOther, imOther);
        List<MediaItem> imBase = List.of(imMatrix, imOther, lbOther);

        // un-rated on Letterboxd (id-less): removed from IMDb, by its id
        FeaturePlan fromLetterboxd = ratings(List.of(lbOther, imOther), lbBase, imBase, imBase);
        assertEquals(List.of(imMatrix), fromLetterboxd.removes(Side.TARGET).stream().map(PlannedChange::item).toList());
        assertTrue(fromLetterboxd.removes(Side.SOURCE).isEmpty() && fromLetterboxd.adds().isEmpty(), fromLetterboxd.toString());

        // un-rated on IMDb: the id-less Letterboxd row goes, and is not re-added to IMDb
        FeaturePlan fromImdb = ratings(lbBase, lbBase, List.of(imOther, lbOther), imBase);
        assertEquals(List.of(lbMatrix), fromImdb.removes(Side.SOURCE).stream().map(PlannedChange::item).toList());
        assertTrue(fromImdb.removes(Side.TARGET).isEmpty() && fromImdb.adds().isEmpty(), fromImdb.toString());
    }
}
