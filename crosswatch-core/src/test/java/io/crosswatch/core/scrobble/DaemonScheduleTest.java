package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.Secret;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.VirtualTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's loop body in virtual time: pairs on their intervals, queue delivery, settings. */
class DaemonScheduleTest {

    final VirtualTime time = VirtualTime.create();
    final FakeTracker server = new FakeTracker("server", time.clock());
    final FakeTracker trakt = new FakeTracker("trakt", time.clock());
    final InMemoryStateStore store = new InMemoryStateStore();
    final PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(server).register(trakt)
            .clock(time.clock()).sleeper(time.sleeper()).build();

    Daemon daemon(Map<String, Schedule> schedules) {
        Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(store).fallback(new GenericSyncModule())
                .pairs(List.of(ExactlyOncePlaysTest.pair())).clock(time.clock()).sleeper(time.sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(ExactlyOncePlaysTest.pair()))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        return Daemon.builder().platform(platform).manager(manager).orchestrator(orchestrator)
                .settings(new DaemonSettings(null, 0, new Secret("0123456789abcdef"), 1024, schedules, List.of())).build();
    }

    @Test
    void pairsRunOnTheirIntervalAndTheQueueIsDeliveredBetween() {
        Daemon d = daemon(Map.of("server-trakt", Schedule.every(Duration.ofMinutes(30))));
        server.history.add(ScrobbleManagerTest.movie(1).toBuilder().watchedAt(time.clock().instant()).build());
        Instant next = d.tick();
        assertEquals(1, server.reads, "ran at start");
        assertEquals(1, trakt.history.size());
        assertEquals(time.clock().instant().plus(Duration.ofMinutes(1)), next, "wakes at least every minute");
        time.advance(Duration.ofMinutes(10));
        d.tick();
        assertEquals(1, server.reads, "not due yet");
        time.advance(Duration.ofMinutes(21));
        d.tick();
        assertEquals(2, server.reads, "due after 30 minutes");
        assertEquals(1, trakt.history.size(), "the second run posts nothing again");
        assertEquals(time.clock().instant().plus(Duration.ofMinutes(30)), d.schedule().get("server-trakt"));
    }

    @Test
    void aFailingRunDoesNotStopTheSchedule() {
        Daemon d = daemon(Map.of("server-trakt", Schedule.every(Duration.ofMinutes(5))));
        trakt.down = true;
        d.tick();
        trakt.down = false;
        time.advance(Duration.ofMinutes(5));
        server.history.add(ScrobbleManagerTest.movie(2).toBuilder().watchedAt(time.clock().instant()).build());
        d.tick();
        assertEquals(1, trakt.history.size());
    }

    @Test
    void aCronPairWaitsForItsTimesAndALongRunSkipsTheSlotsItMissed() {
        Daemon d = daemon(Map.of("server-trakt", CronSchedule.parse("*/15 * * * *", java.time.ZoneOffset.UTC)));
        Instant start = time.clock().instant(); // 2026-01-01T00:00Z
        assertEquals(start.plus(Duration.ofMinutes(15)), d.schedule().get("server-trakt"), "not at start");
        d.tick();
        assertEquals(0, server.reads);
        time.advance(Duration.ofMinutes(15));
        server.history.add(ScrobbleManagerTest.movie(3).toBuilder().watchedAt(time.clock().instant()).build());
        trakt.beforeSyncWrite = () -> time.advance(Duration.ofMinutes(40)); // the run takes 40 minutes
        d.tick();
        assertEquals(1, server.reads);
        assertEquals(start.plus(Duration.ofMinutes(60)), d.schedule().get("server-trakt"),
                "00:30 and 00:45 passed during the run: no catch-up burst, the next slot after it ended");
        time.advance(Duration.ofMinutes(4));
        d.tick();
        assertEquals(1, server.reads, "00:59 is not due");
        time.advance(Duration.ofMinutes(1));
        d.tick();
        assertEquals(2, server.reads);
    }

    @Test
    void cronSettingsAreReadInTheConfiguredZoneAndErrorsNameThePairAndField() throws Exception {
        ObjectMapper m = new ObjectMapper();
        DaemonSettings s = DaemonSettings.fromJson(m.readTree("{\"secret\":\"0123456789abcdef\",\"timeZone\":\"Europe/Amsterdam\","
                + "\"schedules\":{\"a\":\"30 2 * * *\",\"b\":\"@hourly\",\"c\":\"PT1H\"}}"));
        java.time.ZoneId ams = java.time.ZoneId.of("Europe/Amsterdam");
        assertEquals(CronSchedule.parse("30 2 * * *", ams), s.schedules().get("a"));
        assertEquals(CronSchedule.parse("@hourly", ams), s.schedules().get("b"));
        assertEquals(Schedule.every(Duration.ofHours(1)), s.schedules().get("c"));
        DaemonSettings local = DaemonSettings.fromJson(m.readTree("{\"secret\":\"0123456789abcdef\",\"schedules\":{\"a\":\"@daily\"}}"));
        assertEquals(java.time.ZoneId.systemDefault(), ((CronSchedule) local.schedules().get("a")).zone(), "the system zone by default");

        ConfigException e = assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"trakt-plex\":\"61 * * * *\"}}")));
        assertEquals("daemon.schedules.trakt-plex: \"61 * * * *\": minute 61 is out of range 0-59", e.getMessage());
        e = assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"p\":\"0 0 30 2 *\"}}")));
        assertEquals("daemon.schedules.p: \"0 0 30 2 *\": day-of-month 30 never occurs in February, so the schedule would never run",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"p\":\"PT0S\"}}")));
        assertTrue(e.getMessage().startsWith("daemon.schedules.p: \"PT0S\": must be a positive duration"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"timeZone\":\"Mars/Olympus\",\"schedules\":{}}")));
        assertTrue(e.getMessage().startsWith("daemon.timeZone: 'Mars/Olympus' is not a time zone"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"p\":30}}")));
        assertTrue(e.getMessage().startsWith("daemon.schedules.p: must be an interval"), e.getMessage());
    }

    @Test
    void settingsFromJsonValidateAndDefault() throws Exception {
        ObjectMapper m = new ObjectMapper();
        DaemonSettings s = DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"a\":\"PT30M\"},\"listen\":[\"plex\"]}"));
        assertEquals("127.0.0.1", s.bind());
        assertEquals(DaemonSettings.DEFAULT_PORT, s.port());
        assertEquals(DaemonSettings.DEFAULT_MAX_BODY, s.maxBodyBytes());
        assertEquals(Map.of("a", Schedule.every(Duration.ofMinutes(30))), s.schedules());
        assertEquals(List.of("plex"), s.listen());
        assertEquals("***", s.secret().toString());
        assertThrows(ConfigException.class, () -> DaemonSettings.fromJson(m.readTree("{\"secret\":\"0123456789abcdef\","
                + "\"schedules\":{\"a\":\"every hour\"}}")));
        ScrobbleSettings sc = ScrobbleSettings.fromJson(m.readTree("{\"targets\":[\"trakt:work\"],\"watchedThreshold\":90,"
                + "\"users\":[\"Alice\"],\"retryBase\":\"PT1M\"}"));
        assertEquals(List.of(new Endpoint("trakt", "work")), sc.targets());
        assertEquals(90, sc.watchedThreshold());
        assertEquals(java.util.Set.of("alice"), sc.users());
        assertEquals(Duration.ofMinutes(1), sc.retryBase());
        assertThrows(ConfigException.class, () -> ScrobbleSettings.fromJson(m.readTree("{\"watchedThreshold\":0}")));
        assertThrows(ConfigException.class, () -> ScrobbleSettings.fromJson(m.readTree("{\"users\":\"alice\"}")));
    }
}
