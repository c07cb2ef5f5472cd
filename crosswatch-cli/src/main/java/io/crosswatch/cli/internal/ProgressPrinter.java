package io.crosswatch.cli.internal;

import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.ProgressListener;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Shows run progress on standard error: on a terminal one live line per phase (read, plan,
 * apply) rewritten in place; otherwise a plain line when a phase starts and when it ends.
 */
final class ProgressPrinter implements ProgressListener {

    private final PrintWriter err;
    private final boolean live;
    private String pair = "";
    private String stage;
    private String lastLine = "";

    ProgressPrinter(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if ("pairs".equals(e.stage())) {
            endLine();
            stage = null;
            pair = e.note() == null ? "" : e.note();
            if (e.note() != null) {
                err.println("pair " + e.note() + " (" + (e.done() + 1) + "/" + e.total() + ")");
            }
            err.flush();
            return;
        }
        String line = "  " + e.stage() + (e.total() > 0 ? " " + e.done() + "/" + e.total() : e.done() > 0 ? " " + e.done() : "")
                + (e.note() == null ? "" : "  " + e.note());
        boolean newStage = !Objects.equals(stage, e.stage());
        if (live) {
            if (newStage) {
                endLine();
            }
            String pad = lastLine.length() > line.length() ? " ".repeat(lastLine.length() - line.length()) : "";
            err.print("\r" + line + pad);
            lastLine = line;
        } else if (newStage || (e.total() > 0 && e.done() >= e.total())) {
            err.println(line);
        }
        stage = e.stage();
        err.flush();
    }

    /** Ends the live line, if one is open. */
    void endLine() {
        if (live && !lastLine.isEmpty()) {
            err.println();
            lastLine = "";
        }
        err.flush();
    }

    String pair() {
        return pair;
    }
}
