package dev.engram.jobs.cli;

import dev.engram.connectors.sink.OverlayVideoSink;
import dev.engram.connectors.sink.SummaryJsonSink;
import dev.engram.operators.StreamSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/** Number formatting and output listings for the CLI's tables. */
final class Tables {
    private Tables() {}

    static String score(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    static String fps(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    static String bytes(long b) {
        if (b == Long.MAX_VALUE) return "unbounded";
        if (b >= 1 << 20) return String.format(Locale.ROOT, "%.1fMiB", b / 1048576.0);
        if (b >= 1 << 10) return String.format(Locale.ROOT, "%.1fKiB", b / 1024.0);
        return b + "B";
    }

    /** Where a segmentation job wrote its masks, and per stream its overlay video and summary. */
    static void writtenFiles(PrintWriter o, Path masks, Path overlays, Path summaries, Collection<StreamSummary> streams) {
        o.println("masks:     " + masks.toAbsolutePath() + "/<stream>/<index>.png");
        for (StreamSummary s : streams) {
            o.println("overlay:   " + OverlayVideoSink.file(overlays, s.streamId).toAbsolutePath());
            o.println("summary:   " + SummaryJsonSink.file(summaries, s.streamId).toAbsolutePath());
        }
    }
}
