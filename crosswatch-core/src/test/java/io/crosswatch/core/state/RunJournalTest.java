package io.crosswatch.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunJournal journal() {
        List<MediaItem> items = MediaItemCodecTest.items().toList();
        MediaItem rated = items.get(1);
        return RunJournal.of(Map.of(
                Feature.WATCHLIST, Map.of(Side.SOURCE, new RunJournal.Writes(items, List.of(items.get(0)), List.of()),
                        Side.TARGET, new RunJournal.Writes(List.of(), items.subList(2, 4), List.of())),
                Feature.RATINGS, Map.of(Side.TARGET, new RunJournal.Writes(List.of(), List.of(),
                        List.of(new RunJournal.Change(rated, rated.toBuilder().rating(3).build())))),
                Feature.HISTORY, Map.of(Side.SOURCE, new RunJournal.Writes(List.of(), List.of(), List.of()))));
    }

    @Test
    void streamingInAReportWritesTheSameBytesAsTheTree() throws Exception {
        RunJournal j = journal();
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("error", "x");
        tree.put(RunJournal.FIELD, j.toJson());
        Map<String, Object> streamed = new LinkedHashMap<>();
        streamed.put("error", "x");
        streamed.put(RunJournal.FIELD, j);
        String before = JSON.writeValueAsString(tree);
        String after = JSON.writeValueAsString(streamed);
        assertEquals(before, after);
    }

    @Test
    void aStreamedJournalReadsBackToTheSameWrites() throws Exception {
        RunJournal j = journal();
        RunJournal back = RunJournal.fromReport(JSON.writeValueAsString(Map.of(RunJournal.FIELD, j))).orElseThrow();
        assertEquals(j.writes(), back.writes());
    }
}
