package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.movie;
import static io.crosswatch.core.sync.PlanFixtures.movies;
import static io.crosswatch.core.sync.PlanFixtures.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.state.SyncStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GenericSyncModuleTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    final GenericSyncModule module = new GenericSyncModule();
    final InMemoryStateStore store = new InMemoryStateStore();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    static InMemoryConnector connector(String name) {
        return new InMemoryConnector(name, ConnectorCapabilities.builder().batchSize(Feature.WATCHLIST, 2).build());
    }

    static PairSpec pair(SyncMode mode, Feature feature) {
        return PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), mode).feature(feature, FeatureOptions.ALL).build();
    }

    SyncContext.Builder ctx(PairSpec pair, InMemoryConnector a, InMemoryConnector b) {
        return SyncContext.builder(pair).source(a.manifest(), a).target(b.manifest(), b).state(store).clock(clock);
    }

    SyncResult run(PairSpec pair, InMemoryConnector a, InMemoryConnector b) {
        return module.runSync(ctx(pair, a, b).build());
    }

    static Set<String> tmdb(List<MediaItem> items) {
        return items.stream().map(i -> i.ids().tmdb().orElse("?")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void identity() {
        assertEquals("generic", module.name());
        assertFalse(module.handles("trakt", "plex"));
        assertEquals(Set.of(Feature.values()), module.supportedFeatures());
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void everyModeCopiesAndThenFollowsDeletions(SyncMode mode) {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2, 3));
        InMemoryConnector b = connector("b").put(Feature.WATCHLIST, movies(3, 4));
        SyncResult first = run(pair(mode, Feature.WATCHLIST), a, b);
        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        assertEquals(Set.of("1", "2", "3", "4"), tmdb(b.items(Feature.WATCHLIST)), "first run never removes");
        assertEquals(mode == SyncMode.TWO_WAY ? Set.of("1", "2", "3", "4") : Set.of("1", "2", "3"), tmdb(a.items(Feature.WATCHLIST)));
        assertEquals(2, first.feature(Feature.WATCHLIST).orElseThrow().toTarget().added());

        a.data.get(Feature.WATCHLIST).removeIf(i -> i.ids().tmdb().orElseThrow().equals("1"));
        SyncResult second = run(pair(mode, Feature.WATCHLIST), a, b);
        Set<String> expected = switch (mode) {
            case ONE_WAY_ADD -> Set.of("1", "2", "3", "4");
            case ONE_WAY_PROPAGATE, TWO_WAY -> Set.of("2", "3", "4");
            case ONE_WAY_MIRROR -> Set.of("2", "3");
        };
        assertEquals(expected, tmdb(b.items(Feature.WATCHLIST)), second.toString());
        assertEquals(SyncStatus.SUCCESS, second.status());
        assertEquals(2, store.runs("a->b", 10).size());
    }

    @Test
    void failedReadRemovesNothingAndKeepsTheBaseline() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2, 3));
        InMemoryConnector b = connector("b");
        run(pair(SyncMode.TWO_WAY, Feature.WATCHLIST), a, b);
        var before = store.baseline("a->b", Feature.WATCHLIST, Side.SOURCE).orElseThrow();
        b.failReads.add(Feature.WATCHLIST);
        a.data.get(Feature.WATCHLIST).remove(0);
        SyncResult r = run(pair(SyncMode.TWO_WAY, Feature.WATCHLIST), a, b);
        assertEquals(SyncStatus.FAILED, r.status());
        assertEquals(0, r.totalToTarget().removed() + r.totalToSource().removed());
        assertEquals(3, b.items(Feature.WATCHLIST).size());
        assertEquals(before, store.baseline("a->b", Feature.WATCHLIST, Side.SOURCE).orElseThrow());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("HTTP 503")), r.warnings().toString());
        // once the read works again the deletion is still seen and propagated
        b.failReads.clear();
        run(pair(SyncMode.TWO_WAY, Feature.WATCHLIST), a, b);
        assertEquals(Set.of("2", "3"), tmdb(b.items(Feature.WATCHLIST)));
    }

    @Test
    void massDeleteIsHeldThenForced() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, range(1, 21));
        InMemoryConnector b = connector("b");
        PairSpec p = pair(SyncMode.ONE_WAY_PROPAGATE, Feature.WATCHLIST);
        run(p, a, b);
        a.data.get(Feature.WATCHLIST).subList(0, 8).clear();
        SyncResult held = run(p, a, b);
        assertEquals(20, b.items(Feature.WATCHLIST).size());
        assertEquals(8, held.feature(Feature.WATCHLIST).orElseThrow().held());
        assertEquals(SyncStatus.PARTIAL, held.status());
        assertTrue(held.feature(Feature.WATCHLIST).orElseThrow().notes().stream().anyMatch(n -> n.contains("--force")));
        SyncResult again = run(p, a, b);
        assertEquals(8, again.feature(Feature.WATCHLIST).orElseThrow().held(), "held removals are detected again");
        SyncResult forced = module.runSync(ctx(p, a, b).force(true).build());
        assertEquals(8, forced.totalToTarget().removed());
        assertEquals(12, b.items(Feature.WATCHLIST).size());
    }

    @Test
    void ratingsAreComparedAtTheScaleTheSessionReports() {
        Instant rated = NOW.minusSeconds(3600);
        MediaItem seven = movie(1).toBuilder().rating(7).ratedAt(rated).build();
        MediaItem eight = movie(1).toBuilder().rating(8).ratedAt(rated.minusSeconds(60)).build();
        PairSpec p = pair(SyncMode.ONE_WAY_ADD, Feature.RATINGS);

        InMemoryConnector a = connector("a").put(Feature.RATINGS, List.of(seven));
        InMemoryConnector stars = connector("b").put(Feature.RATINGS, List.of(eight));
        stars.sessionScale = io.crosswatch.api.sync.RatingScale.FIVE_STARS;
        run(p, a, stars);
        assertEquals(8, stars.items(Feature.RATINGS).get(0).rating().orElseThrow(),
                "7/10 is 4 stars, which the five-star account already holds: nothing to write");

        InMemoryConnector tens = connector("c").put(Feature.RATINGS, List.of(eight));
        run(p, a, tens);
        assertEquals(7, tens.items(Feature.RATINGS).get(0).rating().orElseThrow(),
                "without a session scale the manifest's 1-10 scale applies and the newer 7 wins");
    }

    @Test
    void historyRerunCreatesNoDuplicatePlays() {
        ConnectorCapabilities events = ConnectorCapabilities.builder().keepsPlayEvents(true).build();
        InMemoryConnector a = new InMemoryConnector("a", events)
                .put(Feature.HISTORY, List.of(PlanFixtures.play(1, NOW.minusSeconds(7200)), PlanFixtures.play(1, NOW.minusSeconds(90000))));
        InMemoryConnector b = new InMemoryConnector("b", events);
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.HISTORY);
        run(p, a, b);
        run(p, a, b);
        run(p, a, b);
        assertEquals(2, b.items(Feature.HISTORY).size());
        assertEquals(2, a.items(Feature.HISTORY).size());
    }

    @Test
    void unchangedActivitiesMeanNoRead() {
        ConnectorCapabilities caps = ConnectorCapabilities.builder().hasActivities(true).build();
        InMemoryConnector a = new InMemoryConnector("a", caps).put(Feature.WATCHLIST, movies(1, 2));
        InMemoryConnector b = new InMemoryConnector("b", caps);
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.WATCHLIST);
        run(p, a, b);
        int readsA = a.reads;
        int readsB = b.reads;
        SyncResult noop = run(p, a, b);
        assertEquals(readsA, a.reads, "source not read");
        assertEquals(readsB, b.reads, "target not read although it was written to: its token was re-probed");
        assertTrue(noop.totalToTarget().isEmpty());
        a.put(Feature.WATCHLIST, movies(3));
        run(p, a, b);
        assertEquals(readsA + 1, a.reads);
        assertEquals(Set.of("1", "2", "3"), tmdb(b.items(Feature.WATCHLIST)));
    }

    @Test
    void dryRunWritesNothingAndReportsThePlan() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2));
        InMemoryConnector b = connector("b").put(Feature.WATCHLIST, movies(3));
        SyncResult r = module.runSync(ctx(pair(SyncMode.TWO_WAY, Feature.WATCHLIST), a, b).dryRun(true).build());
        assertTrue(r.dryRun());
        assertEquals(2, r.totalToTarget().added());
        assertEquals(1, r.totalToSource().added());
        assertEquals(0, a.writes + b.writes);
        assertEquals(0, store.commitCount());
        assertTrue(r.metadata().get("plan").contains("movie:tmdb:1"));
    }

    @Test
    void aPartialReadEndsPartialAndADeletionItHidItIsNotUndone() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2, 3, 4));
        InMemoryConnector b = connector("b").put(Feature.WATCHLIST, movies(1, 2, 3, 4));
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.WATCHLIST);
        assertEquals(SyncStatus.SUCCESS, run(p, a, b).status());
        a.data.get(Feature.WATCHLIST).removeIf(i -> i.ids().tmdb().orElse("").equals("4"));
        b.partialReads.add(Feature.WATCHLIST); // b's read stops after movies 1 and 2

        SyncResult partial = run(p, a, b);

        assertEquals(SyncStatus.PARTIAL, partial.status(), "a read that missed part of b is not a success: " + partial);
        assertEquals(Set.of("1", "2", "3"), tmdb(a.items(Feature.WATCHLIST)));
        assertEquals(Set.of("1", "2", "3", "4"), tmdb(b.items(Feature.WATCHLIST)));

        b.partialReads.clear();
        SyncResult full = run(p, a, b);

        assertEquals(SyncStatus.SUCCESS, full.status(), full.toString());
        assertEquals(Set.of("1", "2", "3"), tmdb(b.items(Feature.WATCHLIST)), "the deletion reaches b once b reads in full");
        assertEquals(Set.of("1", "2", "3"), tmdb(a.items(Feature.WATCHLIST)), "and is not undone on a");
    }

    @Test
    void rejectedItemsBecomeUnresolvedWithBackoffAndAreBlockedAfterThreeFailures() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2));
        InMemoryConnector b = connector("b");
        b.notFound.add("2");
        PairSpec p = pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST);
        SyncResult r = run(p, a, b);
        assertEquals(SyncStatus.PARTIAL, r.status());
        assertEquals(1, r.feature(Feature.WATCHLIST).orElseThrow().unresolved());
        UnresolvedItem u = store.guards("a->b", NOW).unresolved().get(0);
        assertEquals(1, u.failures());
        assertEquals(NOW.plusSeconds(6 * 3600), u.retryAt());
        int writes = b.writes;
        run(p, a, b);
        assertEquals(writes, b.writes, "not retried before the backoff");
        for (int i = 0; i < 2; i++) {
            clock = Clock.fixed(store.guards("a->b", NOW).unresolved().get(0).retryAt(), ZoneOffset.UTC);
            run(p, a, b);
        }
        UnresolvedItem blocked = store.guards("a->b", NOW).unresolved().get(0);
        assertEquals(3, blocked.failures());
        assertEquals(clock.instant().plusSeconds(7 * 86400), blocked.retryAt(), "cool-down after three failures");
        b.notFound.clear();
        clock = Clock.fixed(blocked.retryAt(), ZoneOffset.UTC);
        run(p, a, b);
        assertEquals(Set.of("1", "2"), tmdb(b.items(Feature.WATCHLIST)));
        assertTrue(store.guards("a->b", clock.instant()).unresolved().isEmpty());
    }

    @Test
    void phantomAddsStopAfterTwoAttempts() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1));
        InMemoryConnector b = connector("b");
        b.phantoms.add("1");
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.WATCHLIST);
        run(p, a, b);
        run(p, a, b);
        int writes = b.writes;
        SyncResult third = run(p, a, b);
        assertEquals(writes, b.writes, "not sent a third time");
        assertTrue(third.feature(Feature.WATCHLIST).orElseThrow().notes().stream().anyMatch(n -> n.contains("phantom")),
                () -> third.feature(Feature.WATCHLIST).orElseThrow().notes() + " " + store.guards("a->b", NOW));
        assertTrue(store.guards("a->b", NOW).unresolved().get(0).reason().startsWith("phantom"));
        assertEquals(Set.of("1"), tmdb(a.items(Feature.WATCHLIST)), "the phantom's absence never removed it from the source");
    }

    @Test
    void appliesInChunksWithProgressAndStopsWhenCancelled() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, range(1, 8));
        InMemoryConnector b = connector("b");
        List<ProgressEvent> events = new ArrayList<>();
        CancellationToken token = CancellationToken.create();
        b.beforeWrite = () -> {
            if (b.writes == 1) {
                token.cancel("user pressed ctrl-c");
            }
        };
        SyncResult r = module.runSync(ctx(pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST), a, b).cancellation(token)
                .progress(events::add).build());
        assertEquals(SyncStatus.CANCELLED, r.status());
        assertEquals(4, b.items(Feature.WATCHLIST).size(), "two chunks of two were written before the cancel was seen");
        assertTrue(events.stream().anyMatch(e -> e.stage().equals("apply") && e.done() == 2 && e.total() == 7));
        assertTrue(store.baseline("a->b", Feature.WATCHLIST, Side.TARGET).isEmpty(), "a cancelled feature keeps its old baseline");
        assertEquals(List.of("read", "plan", "apply", "persist"), List.copyOf(r.phases().keySet()));
        SyncResult resumed = run(pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST), a, b);
        assertEquals(3, resumed.totalToTarget().added());
    }

    @Test
    void tombstonesStopALaggingSideFromReAddingARemoval() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2));
        InMemoryConnector b = connector("b");
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.WATCHLIST);
        run(p, a, b);
        a.data.get(Feature.WATCHLIST).removeIf(i -> i.ids().tmdb().orElseThrow().equals("1"));
        run(p, a, b);
        assertEquals(Set.of("2"), tmdb(b.items(Feature.WATCHLIST)));
        // b lags: its cache still lists the removed item
        b.put(Feature.WATCHLIST, List.of(movie(1)));
        SyncResult r = run(p, a, b);
        assertEquals(Set.of("2"), tmdb(a.items(Feature.WATCHLIST)));
        assertTrue(r.feature(Feature.WATCHLIST).orElseThrow().notes().stream().anyMatch(n -> n.contains("tombstone")));
    }

    @Test
    void aPlainStateStoreStillSyncsAndSaysGuardsAreRunLocal() {
        SyncStateStore dummy = store;
        io.crosswatch.api.sync.StateStore plain = new io.crosswatch.api.sync.StateStore() {
            @Override
            public java.util.Optional<io.crosswatch.api.sync.Baseline> baseline(String pair, Feature feature, Side side) {
                return dummy.baseline(pair, feature, side);
            }

            @Override
            public void commitBaseline(String pair, Feature feature, Side side, io.crosswatch.api.sync.Baseline baseline) {
                dummy.commitBaseline(pair, feature, side, baseline);
            }

            @Override
            public void close() {
            }
        };
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1));
        InMemoryConnector b = connector("b");
        SyncResult r = module.runSync(ctx(pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST), a, b).state(plain).build());
        assertEquals(SyncStatus.SUCCESS, r.status());
        assertTrue(r.warnings().get(0).contains("keeps only baselines"));
        assertTrue(store.baseline("a->b", Feature.WATCHLIST, Side.TARGET).isPresent());
    }

    @Test
    void malformedOptionsFailTheRunWithTheKey() {
        PairSpec p = pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST).toBuilder().option(PlanOptions.MASS_DELETE_MIN, "many").build();
        SyncResult r = run(p, connector("a"), connector("b"));
        assertEquals(SyncStatus.FAILED, r.status());
        assertTrue(r.errors().get(0).contains(PlanOptions.MASS_DELETE_MIN));
    }

    @Test
    void twoPairsSharingASourceDoNotConsumeEachOthersDeletions() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2, 3));
        InMemoryConnector b = connector("b");
        InMemoryConnector c = connector("c");
        PairSpec ab = PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), SyncMode.ONE_WAY_PROPAGATE)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
        PairSpec ac = PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("c"), SyncMode.ONE_WAY_PROPAGATE)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
        run(ab, a, b);
        module.runSync(ctx(ac, a, c).target(c.manifest(), c).build());
        a.data.get(Feature.WATCHLIST).removeIf(i -> i.ids().tmdb().orElseThrow().equals("2"));
        run(ab, a, b);
        module.runSync(ctx(ac, a, c).target(c.manifest(), c).build());
        assertEquals(Set.of("1", "3"), tmdb(b.items(Feature.WATCHLIST)));
        assertEquals(Set.of("1", "3"), tmdb(c.items(Feature.WATCHLIST)), "the second pair still saw the deletion");
    }

    @Test
    void playsSentToASideThatStampsItsOwnDateAreNotPhantoms() {
        ConnectorCapabilities events = ConnectorCapabilities.builder().keepsPlayEvents(true).build();
        ConnectorCapabilities plexLike = ConnectorCapabilities.builder().setsWatchedDate(false).build();
        InMemoryConnector trakt = new InMemoryConnector("trakt", events)
                .put(Feature.HISTORY, List.of(PlanFixtures.play(1, NOW.minusSeconds(86400)), PlanFixtures.play(2, NOW.minusSeconds(7200))));
        InMemoryConnector plex = new InMemoryConnector("plex", plexLike);
        PairSpec p = pair(SyncMode.TWO_WAY, Feature.HISTORY);
        run(p, trakt, plex);
        int writes = plex.writes + trakt.writes;
        for (int i = 0; i < 3; i++) {
            SyncResult r = run(p, trakt, plex);
            assertTrue(r.totalToTarget().isEmpty() && r.totalToSource().isEmpty(), r.toString());
        }
        assertEquals(writes, plex.writes + trakt.writes);
        assertEquals(2, trakt.items(Feature.HISTORY).size(), "plex's own dates never came back as new plays");
        assertTrue(store.guards("a->b", NOW).unresolved().isEmpty());
        assertTrue(store.guards("a->b", NOW).phantoms().isEmpty());
    }

    @Test
    void itemsAConnectorCouldNotMatchAreReportedAsUnresolved() {
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults()) {
            @Override
            public io.crosswatch.api.sync.ReadResult read(io.crosswatch.api.sync.ReadRequest request) {
                return super.read(request).withUnresolved(List.of(new io.crosswatch.api.sync.Unresolved(
                        MediaItem.builder(io.crosswatch.api.media.MediaType.MOVIE).title("Home Video").build(), "no external ids")));
            }
        }.put(Feature.WATCHLIST, movies(1));
        SyncResult r = run(pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST), a, connector("b"));
        var outcome = r.feature(Feature.WATCHLIST).orElseThrow();
        assertEquals(1, outcome.unresolved());
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("Home Video") && n.contains("no external ids")), outcome.notes().toString());
    }

    @Test
    void aPassedDeadlineStopsBeforeTheFirstWrite() {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, movies(1, 2, 3));
        InMemoryConnector b = connector("b");
        SyncResult r = module.runSync(ctx(pair(SyncMode.ONE_WAY_ADD, Feature.WATCHLIST), a, b).deadline(NOW).build());
        assertEquals(SyncStatus.CANCELLED, r.status());
        assertEquals(0, b.writes);
        assertTrue(store.baseline("a->b", Feature.WATCHLIST, Side.SOURCE).isEmpty());
    }
}
