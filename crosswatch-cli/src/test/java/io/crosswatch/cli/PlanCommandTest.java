package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} needs no config and no account: two inventory files in, a plan out. */
class PlanCommandTest {

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("a.json"), """
                [
                  {"feature":"ratings","type":"movie","title":"Heat","year":1995,"ids":{"imdb":"tt0113277"},"rating":9,"rated_at":"2024-01-01T00:00:00Z"},
                  {"feature":"ratings","type":"movie","title":"Alien","year":1979,"ids":{"imdb":"tt0078748"},"rating":8,"rated_at":"2024-01-02T00:00:00Z"},
                  {"feature":"watchlist","type":"movie","title":"Dune","year":2021,"ids":{"tmdb":"438631"}}
                ]
                """);
        Files.writeString(dir.resolve("b.json"), """
                [
                  {"feature":"ratings","type":"movie","title":"Alien","year":1979,"ids":{"imdb":"tt0078748"},"rating":8,"rated_at":"2024-01-02T00:00:00Z"},
                  {"feature":"ratings","type":"movie","title":"Up","year":2009,"ids":{"imdb":"tt1049413"},"rating":7,"rated_at":"2024-01-03T00:00:00Z"}
                ]
                """);
    }

    @Test
    void jsonPlanHasCountsItemsAndPhaseTimings() throws Exception {
        CliHarness.Result r = cli.runRaw("plan", "--source", "a.json", "--target", "b.json", "--mode", "two_way", "--json");
        assertEquals(0, r.code(), r::toString);
        assertFalse(Files.exists(dir.resolve("xdg")), "plan needs and writes no config");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("two_way", json.get("mode").asText());
        assertEquals(3, json.get("counts").get("writes").asInt());
        JsonNode ratings = json.get("counts").get("features").get("ratings");
        assertEquals(1, ratings.get("toTarget").get("add").asInt(), "Heat goes to the target");
        assertEquals(1, ratings.get("toSource").get("add").asInt(), "Up comes back to the source");
        assertEquals(0, ratings.get("toTarget").get("remove").asInt());
        assertEquals(1, json.get("counts").get("features").get("watchlist").get("toTarget").get("add").asInt());
        assertTrue(json.get("items").isArray());
        assertTrue(json.get("items").toString().contains("tt0113277"), r::out);
        for (String phase : new String[] {"load", "index", "plan"}) {
            assertTrue(json.get("timingsMs").get(phase).asDouble() >= 0, phase);
        }
    }

    @Test
    void summaryLeavesItemsOutAndFeaturesNarrow() throws Exception {
        CliHarness.Result r = cli.runRaw("plan", "--source", "a.json", "--target", "b.json", "--mode", "one_way_add",
                "--feature", "ratings", "--json", "--summary");
        assertEquals(0, r.code(), r::toString);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("itemCount").asInt());
        assertFalse(json.has("items"));
        assertFalse(json.get("counts").get("features").has("watchlist"));
        assertEquals(0, json.get("counts").get("features").get("ratings").get("toSource").get("add").asInt());
    }

    @Test
    void textListsThePlannedItems() {
        CliHarness.Result r = cli.runRaw("plan", "--source", "a.json", "--target", "b.json", "--mode", "one-way-mirror",
                "--feature", "ratings");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("+ ratings target: Heat (1995)"), r::toString);
        assertTrue(r.out().startsWith("plan one_way_mirror: 1 write(s)"), r::toString);
        assertTrue(r.out().contains("timings: load "), r::toString);
    }

    @Test
    void errors() {
        CliHarness.Result mode = cli.runRaw("plan", "--source", "a.json", "--target", "b.json", "--mode", "sideways");
        assertEquals(2, mode.code(), mode::toString);
        assertTrue(mode.err().startsWith("error: unknown mode 'sideways'"), mode::toString);
        CliHarness.Result missing = cli.runRaw("plan", "--source", "nope.json", "--target", "b.json", "--mode", "two_way");
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file"), missing::toString);
        CliHarness.Result usage = cli.runRaw("plan", "--source", "a.json");
        assertEquals(2, usage.code(), usage::toString);
        assertTrue(usage.err().contains("Missing required options"), usage::toString);
    }
}
