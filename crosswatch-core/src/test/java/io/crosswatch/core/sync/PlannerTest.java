package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.T0;
import static io.crosswatch.core.sync.PlanFixtures.ids;
import static io.crosswatch.core.sync.PlanFixtures.movie;
import static io.crosswatch.core.sync.PlanFixtures.movies;
import static io.crosswatch.core.sync.PlanFixtures.play;
import static io.crosswatch.core.sync.PlanFixtures.progress;
import static io.crosswatch.core.sync.PlanFixtures.range;
import static io.crosswatch.core.sync.PlanFixtures.rated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {

    static SideSnapshot side(String name, List<MediaItem> items, List<MediaItem> baseline) {
        return SideSnapshot.builder(name).items(items).baseline(baseline).build();
    }

    static FeaturePlan plan(SyncMode mode, Feature feature, SideSnapshot a, SideSnapshot b) {
        return plan(PlanInput.builder(mode, T0), feature, a, b);
    }

    static FeaturePlan plan(PlanInput.Builder in, Feature feature, SideSnapshot a, SideSnapshot b) {
        return Planner.plan(in.feature(feature, FeatureInput.of(a, b)).build()).feature(feature).orElseThrow();
    }

    /** mode, source now, source baseline, target now, target baseline, adds→target, adds→source, removes target, removes source. */
    static Stream<Arguments> membership() {
        return Stream.of(
            Arguments.of("add: copies what target lacks", SyncMode.ONE_WAY_ADD, movies(1, 2), movies(1, 2, 3), movies(2), movies(2),
                    List.of(1), List.of(), List.of(), List.of()),
            Arguments.of("propagate: removes what left the source", SyncMode.ONE_WAY_PROPAGATE, movies(1, 2), movies(1, 2, 3),
                    movies(2, 3), movies(2, 3), List.of(1), List.of(), List.of(3), List.of()),
            Arguments.of("propagate: first run never removes", SyncMode.ONE_WAY_PROPAGATE, movies(1), null, movies(2, 3), null,
                    List.of(1), List.of(), List.of(), List.of()),
            Arguments.of("mirror: removes only what the target had at the last run", SyncMode.ONE_WAY_MIRROR, movies(1), movies(1),
                    movies(1, 2, 3), movies(1, 2), List.of(), List.of(), List.of(2), List.of()),
            Arguments.of("mirror: first run never removes", SyncMode.ONE_WAY_MIRROR, movies(1), null, movies(1, 2, 3), null,
                    List.of(), List.of(), List.of(), List.of()),
            Arguments.of("two-way: union plus deletions against baselines", SyncMode.TWO_WAY, movies(1, 2, 4), movies(1, 2, 3),
                    movies(1, 3, 5), movies(1, 2, 3), List.of(4), List.of(5), List.of(3), List.of(2)),
            Arguments.of("two-way: no baselines means add only", SyncMode.TWO_WAY, movies(1, 2), null, movies(2, 3), null,
                    List.of(1), List.of(3), List.of(), List.of()),
            Arguments.of("two-way: deleted on both sides is a no-op", SyncMode.TWO_WAY, movies(1), movies(1, 2), movies(1),
                    movies(1, 2), List.of(), List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("membership")
    void membershipRules(String name, SyncMode mode, List<MediaItem> src, List<MediaItem> srcBase, List<MediaItem> tgt,
                         List<MediaItem> tgtBase, List<Integer> addT, List<Integer> addS, List<Integer> remT, List<Integer> remS) {
        FeaturePlan p = plan(mode, Feature.WATCHLIST, side("a", src, srcBase), side("b", tgt, tgtBase));
        assertEquals(addT, ids(p.adds(Side.TARGET)), "adds to target");
        assertEquals(addS, ids(p.adds(Side.SOURCE)), "adds to source");
        assertEquals(remT, ids(p.removes(Side.TARGET)), "removals from target");
        assertEquals(remS, ids(p.removes(Side.SOURCE)), "removals from source");
    }

    @Test
    void anyStrongIdMatches() {
        MediaItem plex = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0133093", "plex", "5")).build();
        MediaItem trakt = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0133093", "tmdb", "603")).build();
        FeaturePlan p = plan(SyncMode.TWO_WAY, Feature.WATCHLIST, side("plex", List.of(plex), null), side("trakt", List.of(trakt), null));
        assertFalse(p.hasWrites());
    }

    @Test
    void failedReadPlansNothingAndAdvancesNoBaseline() {
        SideSnapshot failed = SideSnapshot.builder("b").completeness(Completeness.FAILED).baseline(movies(1, 2)).message("HTTP 502").build();
        FeaturePlan p = plan(SyncMode.TWO_WAY, Feature.WATCHLIST, side("a", movies(3), movies(1, 2)), failed);
        assertFalse(p.planned());
        assertFalse(p.hasWrites());
        assertFalse(p.advanceBaseline(Side.SOURCE));
        assertFalse(p.advanceBaseline(Side.TARGET));
        assertTrue(p.notes().get(0).contains("HTTP 502"));
    }

    @Test
    void partialReadHoldsRemovalsButStillAdds() {
        SideSnapshot partial = SideSnapshot.builder("b").items(movies(2, 3)).completeness(Completeness.PARTIAL)
                .baseline(movies(2, 3)).message("page 3 failed").build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_PROPAGATE, Feature.WATCHLIST, side("a", movies(1, 2), movies(1, 2, 3)), partial);
        assertEquals(List.of(1), ids(p.adds(Side.TARGET)));
        assertTrue(p.removes().isEmpty());
        assertEquals(List.of(3), ids(p.held()));
        assertFalse(p.advanceBaseline(Side.SOURCE), "the source's deletion must be seen again next run");
        assertFalse(p.advanceBaseline(Side.TARGET));
    }

    @Test
    void aDeletionThePartialSideDidNotShowKeepsTheSourceBaseline() {
        // a deleted 1 locally; b's read stopped before the page holding 1, so b's copy of 1 is unseen
        SideSnapshot partial = SideSnapshot.builder("b").items(movies(3)).completeness(Completeness.PARTIAL)
                .baseline(movies(1, 2, 3)).message("section 'Movies' failed").build();
        FeaturePlan p = plan(SyncMode.TWO_WAY, Feature.WATCHLIST, side("a", movies(2, 3), movies(1, 2, 3)), partial);
        assertTrue(p.removes().isEmpty());
        assertFalse(p.advanceBaseline(Side.SOURCE),
                "1 may still be on b: taking its deletion as done would let the next full read add it back to a");
        assertFalse(p.advanceBaseline(Side.TARGET));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("looked at again next run")), p.notes().toString());

        // once b reads in full and 1 is really gone there too, the deletion is done and a's baseline moves
        FeaturePlan full = plan(SyncMode.TWO_WAY, Feature.WATCHLIST, side("a", movies(2, 3), movies(1, 2, 3)),
                side("b", movies(2, 3), movies(1, 2, 3)));
        assertTrue(full.advanceBaseline(Side.SOURCE));
    }

    static Stream<Arguments> suspect() {
        return Stream.of(
            Arguments.of("empty against a baseline", List.of(), range(1, 4), SideSnapshot.Activity.NONE, true),
            Arguments.of("under 10% of 30", range(1, 3), range(1, 31), SideSnapshot.Activity.NONE, true),
            Arguments.of("under 10% but activity moved", range(1, 3), range(1, 31), SideSnapshot.Activity.MOVED, false),
            Arguments.of("under 10% of a small baseline", range(1, 2), range(1, 19), SideSnapshot.Activity.UNCHANGED, false),
            Arguments.of("empty and no baseline", List.of(), null, SideSnapshot.Activity.NONE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suspect")
    void suspectReadsAreTreatedAsFailed(String name, List<MediaItem> now, List<MediaItem> base, SideSnapshot.Activity activity,
                                        boolean treatedAsFailed) {
        SideSnapshot s = SideSnapshot.builder("a").items(now).baseline(base).activity(activity).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_PROPAGATE, Feature.WATCHLIST, s, side("b", range(1, 31), range(1, 31)));
        assertEquals(!treatedAsFailed, p.planned());
        if (treatedAsFailed) {
            assertTrue(p.removes().isEmpty() && p.held().isEmpty());
        }
    }

    @Test
    void suspectGuardCanBeSwitchedOff() {
        SideSnapshot s = SideSnapshot.builder("a").items(List.of()).baseline(range(1, 4)).build();
        PlanInput.Builder in = PlanInput.builder(SyncMode.ONE_WAY_PROPAGATE, T0)
                .options(PlanOptions.from(Map.of(PlanOptions.SUSPECT_READ, "false")));
        FeaturePlan p = plan(in, Feature.WATCHLIST, s, side("b", range(1, 4), range(1, 4)));
        assertTrue(p.planned());
        assertEquals(List.of(1, 2, 3), ids(p.removes(Side.TARGET)));
    }

    static Stream<Arguments> massDelete() {
        return Stream.of(
            Arguments.of("6 of 20 is held", 6, false, true),
            Arguments.of("6 of 20 forced", 6, true, false),
            Arguments.of("5 is never mass", 5, false, false),
            Arguments.of("2 of 20 is fine", 2, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("massDelete")
    void massDeleteGuard(String name, int removed, boolean force, boolean held) {
        List<MediaItem> base = range(1, 21);
        List<MediaItem> now = range(removed + 1, 21);
        FeaturePlan p = plan(PlanInput.builder(SyncMode.ONE_WAY_PROPAGATE, T0).force(force), Feature.WATCHLIST,
                side("a", now, base), side("b", base, base));
        assertEquals(held ? 0 : removed, p.removes().size());
        assertEquals(held ? removed : 0, p.held().size());
        if (held) {
            assertTrue(p.held().get(0).reason().contains("--force"));
            assertFalse(p.advanceBaseline(Side.SOURCE));
        } else {
            assertTrue(p.advanceBaseline(Side.SOURCE));
        }
    }

    @Test
    void tombstonesStopReAddsUntilTheyExpire() {
        Tombstone live = new Tombstone(Feature.WATCHLIST, movie(7), T0.minusSeconds(60), T0.plusSeconds(3600));
        Tombstone expired = new Tombstone(Feature.WATCHLIST, movie(8), T0.minusSeconds(7200), T0.minusSeconds(1));
        FeaturePlan p = plan(PlanInput.builder(SyncMode.TWO_WAY, T0).guards(new GuardState(List.of(live, expired), null, null)),
                Feature.WATCHLIST, side("a", movies(1), movies(1)), side("b", movies(1, 7, 8), movies(1)));
        assertEquals(List.of(8), ids(p.adds(Side.SOURCE)));
        assertEquals(List.of(7), ids(p.skipped()));
        assertTrue(p.skipped().get(0).reason().contains("tombstone"));
    }

    @Test
    void unresolvedItemsWaitForTheirRetryTime() {
        UnresolvedItem waiting = new UnresolvedItem(Feature.WATCHLIST, Side.TARGET, movie(1), "not found", 1, T0, T0.plusSeconds(60));
        UnresolvedItem due = new UnresolvedItem(Feature.WATCHLIST, Side.TARGET, movie(2), "not found", 1, T0, T0.minusSeconds(1));
        FeaturePlan p = plan(PlanInput.builder(SyncMode.ONE_WAY_ADD, T0).guards(new GuardState(null, List.of(waiting, due), null)),
                Feature.WATCHLIST, side("a", movies(1, 2), null), side("b", List.of(), null));
        assertEquals(List.of(2), ids(p.adds(Side.TARGET)));
        assertEquals(List.of(1), ids(p.skipped()));
    }

    @Test
    void phantomAddsAreNotResentForeverAndAreNotDeletions() {
        PhantomRecord twice = new PhantomRecord(Feature.WATCHLIST, Side.TARGET, movie(1), 2, T0);
        PhantomRecord once = new PhantomRecord(Feature.WATCHLIST, Side.TARGET, movie(2), 1, T0);
        // both were added last run (so they are in the target's baseline) but neither shows up
        FeaturePlan p = plan(PlanInput.builder(SyncMode.TWO_WAY, T0).guards(new GuardState(null, null, List.of(twice, once))),
                Feature.WATCHLIST, side("a", movies(1, 2, 3), movies(1, 2, 3)), side("b", movies(3), movies(1, 2, 3)));
        assertEquals(List.of(2), ids(p.adds(Side.TARGET)), "retried once more");
        assertEquals(List.of(1), ids(p.skipped()));
        assertEquals(List.of(twice), p.phantomsExhausted());
        assertTrue(p.removes().isEmpty(), "a phantom's absence is not a deletion");
    }

    @Test
    void phantomSeenInAReadIsReportedForClearing() {
        PhantomRecord once = new PhantomRecord(Feature.WATCHLIST, Side.TARGET, movie(2), 1, T0);
        FeaturePlan p = plan(PlanInput.builder(SyncMode.ONE_WAY_ADD, T0).guards(new GuardState(null, null, List.of(once))),
                Feature.WATCHLIST, side("a", movies(2), null), side("b", movies(2), null));
        assertEquals(List.of(once), p.phantomsSeen());
    }

    static Stream<Arguments> ratings() {
        return Stream.of(
            Arguments.of("source newer wins", 8, 10, 6, 5, SyncMode.TWO_WAY, RatingScale.TEN, "target"),
            Arguments.of("target newer wins two-way", 8, 5, 6, 10, SyncMode.TWO_WAY, RatingScale.TEN, "source"),
            Arguments.of("target newer stays one-way", 8, 5, 6, 10, SyncMode.ONE_WAY_ADD, RatingScale.TEN, "none"),
            Arguments.of("tie goes to the source", 8, 5, 6, 5, SyncMode.TWO_WAY, RatingScale.TEN, "target"),
            Arguments.of("equal after quantizing to stars", 7, 10, 8, 5, SyncMode.TWO_WAY, RatingScale.FIVE_STARS, "none"),
            Arguments.of("same value", 7, 10, 7, 5, SyncMode.TWO_WAY, RatingScale.TEN, "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratings")
    void ratingsNewestWins(String name, int a, int aMinutes, int b, int bMinutes, SyncMode mode, RatingScale targetScale,
                           String updated) {
        SideSnapshot src = side("a", List.of(rated(1, a, T0.plusSeconds(aMinutes * 60L))), null);
        SideSnapshot tgt = SideSnapshot.builder("b").items(List.of(rated(1, b, T0.plusSeconds(bMinutes * 60L))))
                .capabilities(ConnectorCapabilities.builder().ratingScale(targetScale).build()).build();
        FeaturePlan p = plan(mode, Feature.RATINGS, src, tgt);
        assertEquals(updated.equals("target") ? 1 : 0, p.updates(Side.TARGET).size());
        assertEquals(updated.equals("source") ? 1 : 0, p.updates(Side.SOURCE).size());
        if (updated.equals("target")) {
            assertEquals(a, p.updates(Side.TARGET).get(0).item().rating().orElseThrow());
            assertEquals(b, p.updates(Side.TARGET).get(0).previous().rating().orElseThrow());
        }
    }

    @Test
    void unRatingPropagatesOnlyAsObservedDeletion() {
        FeaturePlan first = plan(SyncMode.TWO_WAY, Feature.RATINGS, side("a", List.of(), null), side("b", List.of(rated(1, 7, T0)), null));
        assertEquals(List.of(1), ids(first.adds(Side.SOURCE)), "no baseline: missing is not an un-rate");
        // the un-rate empties side a, so its activity token must have moved for the read to be trusted
        SideSnapshot unrated = SideSnapshot.builder("a").baseline(List.of(rated(1, 7, T0))).activity(SideSnapshot.Activity.MOVED).build();
        FeaturePlan later = plan(SyncMode.TWO_WAY, Feature.RATINGS, unrated,
                side("b", List.of(rated(1, 7, T0)), List.of(rated(1, 7, T0))));
        assertEquals(List.of(1), ids(later.removes(Side.TARGET)));
    }

    static final ConnectorCapabilities EVENTS = ConnectorCapabilities.builder().keepsPlayEvents(true).build();
    static final ConnectorCapabilities FLAG_NO_DATES = ConnectorCapabilities.builder().setsWatchedDate(false).build();

    @Test
    void historyEventModeAddsOnlyMissingPlaysAndRerunsAddNothing() {
        List<MediaItem> src = List.of(play(1, T0), play(1, T0.plusSeconds(86400)), play(2, T0));
        SideSnapshot a = SideSnapshot.builder("a").items(src).capabilities(EVENTS).build();
        SideSnapshot b = SideSnapshot.builder("b").items(List.of(play(1, T0.plusSeconds(20)))).capabilities(EVENTS).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, a, b);
        assertEquals(2, p.adds(Side.TARGET).size());
        assertTrue(p.adds(Side.TARGET).stream().noneMatch(c -> c.item().watchedAt().orElseThrow().equals(T0)
                && c.item().ids().tmdb().orElseThrow().equals("1")), "the play at the same minute is not added again");
        // rerun against the target after the adds
        SideSnapshot b2 = SideSnapshot.builder("b").items(List.of(play(1, T0.plusSeconds(20)), play(1, T0.plusSeconds(86400)),
                play(2, T0))).capabilities(EVENTS).build();
        assertFalse(plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, a, b2).hasWrites());
    }

    @Test
    void historyNeighbouringMinuteIsTheSamePlay() {
        SideSnapshot a = SideSnapshot.builder("a").items(List.of(play(1, T0.plusSeconds(59)))).capabilities(EVENTS).build();
        SideSnapshot b = SideSnapshot.builder("b").items(List.of(play(1, T0.plusSeconds(61)))).capabilities(EVENTS).build();
        assertFalse(plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, a, b).hasWrites());
    }

    @Test
    void historyCollapsedTargetGetsTheLatestPlayOnce() {
        SideSnapshot a = SideSnapshot.builder("a").items(List.of(play(1, T0), play(1, T0.plusSeconds(3600)))).capabilities(EVENTS).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, a, side("b", List.of(), null));
        assertEquals(1, p.adds().size());
        assertEquals(T0.plusSeconds(3600), p.adds().get(0).item().watchedAt().orElseThrow());
    }

    @Test
    void historyDateDifferencesAreIgnoredWhenASideCannotSetDates() {
        SideSnapshot plex = SideSnapshot.builder("plex").items(List.of(play(1, T0.plusSeconds(86400)))).capabilities(FLAG_NO_DATES).build();
        SideSnapshot trakt = SideSnapshot.builder("trakt").items(List.of(play(1, T0))).capabilities(EVENTS).build();
        assertFalse(plan(SyncMode.TWO_WAY, Feature.HISTORY, plex, trakt).hasWrites());
    }

    @Test
    void historyNewerPlayOnAFlagSideIsANewPlayForAnEventSide() {
        SideSnapshot jf = side("jellyfin", List.of(play(1, T0.plusSeconds(86400))), null);
        SideSnapshot trakt = SideSnapshot.builder("trakt").items(List.of(play(1, T0))).capabilities(EVENTS).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, jf, trakt);
        assertEquals(List.of(T0.plusSeconds(86400)), p.adds().stream().map(c -> c.item().watchedAt().orElseThrow()).toList());
    }

    @Test
    void undatedPlaysAreNeverPostedAsNow() {
        MediaItem undated = movie(1).toBuilder().watchedAt(null).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, side("a", List.of(undated), null), side("b", List.of(), null));
        assertTrue(p.adds().isEmpty());
        assertTrue(p.skipped().get(0).reason().contains("no watch date"));
        FeaturePlan allowed = plan(PlanInput.builder(SyncMode.ONE_WAY_ADD, T0).options(PlanOptions.from(Map.of(
                PlanOptions.HISTORY_ALLOW_UNDATED, "true"))), Feature.HISTORY, side("a", List.of(undated), null), side("b", List.of(), null));
        assertEquals(1, allowed.adds().size());
        FeaturePlan plex = plan(SyncMode.ONE_WAY_ADD, Feature.HISTORY, side("a", List.of(undated), null),
                SideSnapshot.builder("plex").capabilities(FLAG_NO_DATES).build());
        assertEquals(1, plex.adds().size(), "a side that cannot keep dates may take it undated");
    }

    @Test
    void historyReWatchAfterADeletionIsANewPlay() {
        Tombstone removedPlay = new Tombstone(Feature.HISTORY, play(1, T0), T0, T0.plusSeconds(86400 * 7));
        SideSnapshot a = SideSnapshot.builder("a").items(List.of(play(1, T0), play(1, T0.plusSeconds(7200)))).capabilities(EVENTS).build();
        SideSnapshot b = SideSnapshot.builder("b").items(List.of()).capabilities(EVENTS).build();
        FeaturePlan p = plan(PlanInput.builder(SyncMode.ONE_WAY_ADD, T0).guards(new GuardState(List.of(removedPlay), null, null)),
                Feature.HISTORY, a, b);
        assertEquals(List.of(T0.plusSeconds(7200)), p.adds().stream().map(c -> c.item().watchedAt().orElseThrow()).toList());
    }

    static Stream<Arguments> progressRules() {
        Duration m = Duration.ofMinutes(1);
        return Stream.of(
            Arguments.of("newer wins", 600, 10, 1200, 5, "target"),
            Arguments.of("older larger position never regresses", 600, 5, 1200, 10, "source"),
            Arguments.of("same time larger position wins", 1200, 5, 600, 5, "target"),
            Arguments.of("change under 30 s ignored", 600, 10, 620, 5, "none"),
            Arguments.of("under 60 s ignored", 50, 10, 1200, 5, "none"),
            Arguments.of("above 95 % left to history", 5760, 10, 1200, 5, "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("progressRules")
    void progressRules(String name, int aSec, int aMin, int bSec, int bMin, String updated) {
        FeaturePlan p = plan(SyncMode.TWO_WAY, Feature.PROGRESS, side("a", List.of(progress(1, aSec, T0.plusSeconds(aMin * 60L))), null),
                side("b", List.of(progress(1, bSec, T0.plusSeconds(bMin * 60L))), null));
        assertEquals(updated.equals("target") ? 1 : 0, p.updates(Side.TARGET).size(), "target updates");
        assertEquals(updated.equals("source") ? 1 : 0, p.updates(Side.SOURCE).size(), "source updates");
        assertTrue(p.adds().isEmpty() || name.startsWith("under") || name.startsWith("above"));
    }

    @Test
    void progressBelowOneMinuteIsNotAdded() {
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.PROGRESS, side("a", List.of(progress(1, 30, T0), progress(2, 300, T0)), null),
                side("b", List.of(), null));
        assertEquals(List.of(2), ids(p.adds()));
    }

    @Test
    void playlistsAreMembershipPerList() {
        MediaItem inA = movie(1).toBuilder().list("A").build();
        MediaItem inB = movie(1).toBuilder().list("B").build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.PLAYLISTS, side("a", List.of(inA, inB), null), side("b", List.of(inB), null));
        assertEquals(1, p.adds().size());
        assertEquals("A", p.adds().get(0).item().list().orElseThrow());
    }

    @Test
    void onlyTypesTheReceivingSideTakesAreSent() {
        MediaItem show = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tmdb", "1399")).title("GoT").build();
        SideSnapshot moviesOnly = SideSnapshot.builder("b").capabilities(ConnectorCapabilities.builder()
                .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE).build()).build();
        FeaturePlan p = plan(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST, side("a", List.of(movie(1), show), null), moviesOnly);
        assertEquals(List.of(1), ids(p.adds()));
        assertTrue(p.skipped().get(0).reason().contains("does not take show"));
    }

    @Test
    void deltaSideUsesBaselinePlusDeltaAndNeverYieldsDeletions() {
        SideSnapshot delta = SideSnapshot.builder("trakt").items(movies(4)).baseline(movies(1, 2, 3)).delta(true).build();
        FeaturePlan p = plan(SyncMode.TWO_WAY, Feature.WATCHLIST, delta, side("b", movies(1, 2, 3), movies(1, 2, 3)));
        assertEquals(List.of(4), ids(p.adds(Side.TARGET)));
        assertTrue(p.removes().isEmpty());
        assertEquals(4, p.effective(Side.SOURCE).size());
    }

    @Test
    void switchedOffRemovalsAreNotWritten() {
        FeatureInput fi = new FeatureInput(side("a", movies(1), movies(1, 2)), side("b", movies(1, 2), movies(1, 2)),
                FeatureOptions.ADD_ONLY);
        FeaturePlan p = Planner.plan(PlanInput.builder(SyncMode.ONE_WAY_PROPAGATE, T0).feature(Feature.WATCHLIST, fi).build())
                .feature(Feature.WATCHLIST).orElseThrow();
        assertTrue(p.removes().isEmpty());
    }

    @Test
    void planSerializesToAPlainReport() {
        Plan plan = Planner.plan(PlanInput.builder(SyncMode.ONE_WAY_ADD, T0)
                .feature(Feature.WATCHLIST, FeatureInput.of(side("a", movies(1), null), side("b", List.of(), null))).build());
        Map<String, Object> r = plan.toReport();
        assertEquals(1, r.get("writes"));
        assertTrue(r.toString().contains("movie:tmdb:1"));
    }

    @Test
    void optionsRejectMalformedValuesNamingTheKey() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlanOptions.from(Map.of(PlanOptions.MASS_DELETE_RATIO, "lots")));
        assertTrue(e.getMessage().contains(PlanOptions.MASS_DELETE_RATIO));
        assertEquals(0.25, PlanOptions.from(Map.of(PlanOptions.MASS_DELETE_RATIO, "25%")).massDeleteRatio());

        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlanOptions.from(Map.of(PlanOptions.TOMBSTONE_TTL, "7 days")));
        assertEquals("pair option '" + PlanOptions.TOMBSTONE_TTL
                + "' must be a non-negative duration in ISO-8601 such as PT30M, got '7 days'", e.getMessage());
        assertEquals(java.time.Duration.ZERO, PlanOptions.from(Map.of(PlanOptions.PROGRESS_MIN_CHANGE, "PT0S")).progressMinChange(),
                "zero is a valid threshold");
    }
}
