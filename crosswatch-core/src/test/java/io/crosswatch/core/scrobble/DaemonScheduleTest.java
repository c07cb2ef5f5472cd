package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    Daemon daemon(Map<String, Duration> schedules) {
        Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(store).fallback(new GenericSyncModule())
                .pairs(List.of(ExactlyOncePlaysTest.pair())).clock(time.clock()).sleeper(time.sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store).pairs(List.of(ExactlyOncePlaysTest.pair()))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        return Daemon.builder().platform(platform).manager(manager).orchestrator(orchestrator)
                .settings(new DaemonSettings(null, 0, new Secret("0123456789abcdef"), 1024, schedules, List.of())).build();
    }

    @Test
    void pairsRunOnTheirIntervalAndTheQueueIsDeliveredBetween() {
        Daemon d = daemon(Map.of("server-trakt", Duration.ofMinutes(30)));
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
        Daemon d = daemon(Map.of("server-trakt", Duration.ofMinutes(5)));
        trakt.down = true;
        d.tick();
        trakt.down = false;
        time.advance(Duration.ofMinutes(5));
        server.history.add(ScrobbleManagerTest.movie(2).toBuilder().watchedAt(time.clock().instant()).build());
        d.tick();
        assertEquals(1, trakt.history.size());
    }

    @Test
    void settingsFromJsonValidateAndDefault() throws Exception {
        ObjectMapper m = new ObjectMapper();
        DaemonSettings s = DaemonSettings.fromJson(m.readTree(
                "{\"secret\":\"0123456789abcdef\",\"schedules\":{\"a\":\"PT30M\"},\"listen\":[\"plex\"]}"));
        assertEquals("127.0.0.1", s.bind());
        assertEquals(DaemonSettings.DEFAULT_PORT, s.port());
        assertEquals(DaemonSettings.DEFAULT_MAX_BODY, s.maxBodyBytes());
        assertEquals(Map.of("a", Duration.ofMinutes(30)), s.schedules());
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
