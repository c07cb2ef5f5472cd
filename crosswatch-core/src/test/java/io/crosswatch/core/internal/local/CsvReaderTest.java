package io.crosswatch.core.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<List<String>> all(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            List<String> row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void readsQuotedFieldsEscapedQuotesAndEmbeddedNewlines() throws IOException {
        List<List<String>> rows = all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\nlast,,\n");
        assertEquals(List.of("a", "b", "c"), rows.get(0));
        assertEquals(List.of("x, y", "say \"hi\"", "line1\nline2"), rows.get(1));
        assertEquals(List.of("last", "", ""), rows.get(2));
        assertEquals(3, rows.size());
    }

    @Test
    void stripsByteOrderMarkAndTracksRecordLines() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("\uFEFFName,Year\n\"A\nB\",1999\nC,2000"))) {
            assertEquals(List.of("Name", "Year"), r.next());
            assertEquals(1, r.recordLine());
            assertEquals(List.of("A\nB", "1999"), r.next());
            assertEquals(2, r.recordLine());
            assertEquals(List.of("C", "2000"), r.next());
            assertEquals(4, r.recordLine());
            assertNull(r.next());
        }
    }

    @Test
    void unterminatedQuoteNamesTheLine() {
        CsvReader.CsvException e = assertThrows(CsvReader.CsvException.class, () -> all("a,b\n1,2\n\"open,3\n4,5\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void lastLineWithoutNewlineAndCrOnlyLineEnds() throws IOException {
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), all("a\rb\r\nc"));
    }

    @Test
    void writerQuotesOnlyWhatNeedsItAndReadsBack() throws IOException {
        StringWriter sw = new StringWriter();
        CsvWriter w = new CsvWriter(sw);
        List<String> fields = java.util.Arrays.asList("plain", "with, comma", "with \"quote\"", "multi\nline", null, " pad");
        w.write(fields);
        assertTrue(sw.toString().startsWith("plain,\"with, comma\",\"with \"\"quote\"\"\""), sw.toString());
        List<String> back = all(sw.toString()).get(0);
        assertEquals(List.of("plain", "with, comma", "with \"quote\"", "multi\nline", "", " pad"), back);
    }

    @Test
    void aRunawayQuotedFieldFailsInsteadOfSwallowingTheFile() {
        String text = "a,b\n\"" + "x".repeat(CsvReader.MAX_FIELD_CHARS + 10) + "\n";
        CsvReader.CsvException e = assertThrows(CsvReader.CsvException.class, () -> all(text));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unbalanced quote"), e.getMessage());
    }
}
