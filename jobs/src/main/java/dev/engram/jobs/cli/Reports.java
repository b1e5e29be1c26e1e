package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.CommittedOutput;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the commands print from a job's committed output: summary tables, dead letters, progress. */
final class Reports {
    private Reports() {}

    /** One row per VOS stream: frames, fps, J, F, J&F (when scored), learner peak and budget. */
    static void vosTable(PrintWriter o, Map<String, JsonNode> summaries) {
        o.printf("%-20s %7s %7s %7s %7s %7s %12s %12s%n", "stream", "frames", "fps", "J", "F", "J&F", "bank peak", "budget");
        for (JsonNode s : summaries.values()) {
            o.printf("%-20s %7d %7s %7s %7s %7s %12s %12s%n", s.path("stream").asText(), s.path("frames").asLong(),
                    Tables.fps(num(s, "segmenterFps")), Tables.score(num(s, "J")), Tables.score(num(s, "F")),
                    Tables.score(num(s, "JF")), Tables.bytes(s.path("peakBankBytes").asLong()), Tables.bytes(s.path("budgetBytes").asLong()));
        }
    }

    static double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** At most three dead letters per stream, then a count: one bad stream must not bury the table. */
    static void deadLetters(PrintWriter o, List<JsonNode> letters) {
        Map<String, List<JsonNode>> byStream = new TreeMap<>();
        for (JsonNode d : letters) byStream.computeIfAbsent(d.path("stream").asText(), k -> new ArrayList<>()).add(d);
        o.printf("%d dead letters%n", letters.size());
        for (List<JsonNode> ds : byStream.values()) {
            ds.stream().limit(3).forEach(d -> o.println("  dead letter: " + describe(d)));
            if (ds.size() > 3) o.printf("  dead letter: … and %d more of stream %s%n", ds.size() - 3, ds.get(0).path("stream").asText());
        }
    }

    static String describe(JsonNode d) {
        return d.path("stream").asText() + "#" + d.path("index").asLong() + " [" + d.path("stage").asText() + "] "
                + d.path("reason").asText() + (d.path("bytes").asLong() > 0 ? " (" + d.path("bytes").asLong() + " bytes kept)" : "");
    }

    /**
     * One row per finished TTA stream: batches, digits, the adapted model's error beside the frozen source
     * model's on the same digits, resets.
     */
    static void ttaTable(PrintWriter o, CommittedOutput out) {
        o.printf("%-12s %8s %8s %8s %8s %7s%n", "stream", "batches", "digits", "error", "source", "resets");
        for (String s : out.finishedStreams("tta")) {
            List<JsonNode> lines = out.lines("tta", s);
            long n = 0, labelled = 0, wrong = 0, sourceWrong = 0, resets = 0;
            for (JsonNode l : lines) {
                n += l.path("count").asLong();
                labelled += l.path("labelled").asLong(l.path("count").asLong());
                wrong += l.path("errors").asLong();
                sourceWrong += l.path("sourceErrors").asLong();
                resets = Math.max(resets, l.path("resets").asLong());
            }
            o.printf(java.util.Locale.ROOT, "%-12s %8d %8d %8.4f %8.4f %7d%n", s, lines.size(), n,
                    labelled == 0 ? Double.NaN : wrong / (double) labelled, labelled == 0 ? Double.NaN : sourceWrong / (double) labelled, resets);
        }
    }

    /** A progress line from the summaries committed so far (VOS), at most one per call. */
    static Runnable vosProgress(CommittedOutput output) {
        return () -> {
            Map<String, JsonNode> s = output.summaries();
            if (s.isEmpty()) return;
            StringBuilder line = new StringBuilder("progress:");
            s.values().forEach(x -> line.append(String.format(java.util.Locale.ROOT, "  %s %d frames%s", x.path("stream").asText(),
                    x.path("frames").asLong(), x.path("complete").asBoolean() ? " (done)" : "")));
            System.err.println(line);
        };
    }

    /** A progress line counting finished streams of a JSON-lines output ({@code events}, {@code tta}). */
    static Runnable streamsProgress(CommittedOutput output, String kind) {
        return () -> System.err.println("progress: " + output.finishedStreams(kind).size() + " stream(s) finished, "
                + output.deadLetters().size() + " dead letter(s)");
    }
}
