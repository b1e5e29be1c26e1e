package dev.engram.connectors.sink;

import java.util.Locale;

/**
 * Where each kind of result goes under an output root, the layout users script against:
 * <pre>
 * masks/&lt;stream&gt;/&lt;index:05d&gt;.png       per-frame object-id masks (DAVIS palette PNG)
 * frames/&lt;stream&gt;.jsonl                per-frame results of a VOS stream
 * summaries/&lt;stream&gt;.json              latest per-stream summary ("complete": true at its end)
 * health/&lt;stream&gt;.json                 latest health of a live camera (connected, stalled, reconnects, drops)
 * events/&lt;stream&gt;.jsonl                event-stream results (one line per sample or window)
 * tta/&lt;stream&gt;.jsonl                   test-time adaptation results (one line per batch)
 * dead-letters/&lt;stream&gt;/&lt;position&gt;.json  input that could not be processed, with .bin beside it
 * </pre>
 * Stream ids become path segments with characters outside {@code [A-Za-z0-9._-]} replaced by
 * {@code _} ({@code /} in an id nests folders, as for N-MNIST's {@code <digit>/<file>} ids).
 */
public final class OutputLayout {
    private OutputLayout() {}

    public static String mask(String stream, long index) {
        return "masks/" + stream(stream) + "/" + String.format(Locale.ROOT, "%05d.png", index);
    }

    public static String frames(String stream) {
        return "frames/" + stream(stream) + ".jsonl";
    }

    public static String summary(String stream) {
        return "summaries/" + stream(stream) + ".json";
    }

    /** The latest health report of a live source. */
    public static String health(String stream) {
        return "health/" + stream(stream) + ".json";
    }

    public static String events(String stream) {
        return "events/" + stream(stream) + ".jsonl";
    }

    public static String tta(String stream) {
        return "tta/" + stream(stream) + ".jsonl";
    }

    /** {@code dead-letters/<stream>/<position>} without extension; {@code .json} and {@code .bin} go beside it. */
    public static String deadLetter(String stream, long index, String stage) {
        String position = index < 0 ? "unknown" : String.format(Locale.ROOT, "%08d", index);
        return "dead-letters/" + stream(stream == null ? "unknown" : stream) + "/" + position + "-" + segment(stage == null ? "job" : stage);
    }

    /** A stream id as path segments: each segment sanitised, none empty, none {@code .} or {@code ..}. */
    public static String stream(String id) {
        String[] parts = id.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (out.length() > 0) out.append('/');
            out.append(segment(p));
        }
        return out.toString();
    }

    static String segment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                    ? c : '_');
        }
        String r = b.toString();
        if (r.isEmpty() || r.equals(".") || r.equals("..")) return "_" + r.replace('.', '_');
        if (r.startsWith(".") || r.startsWith("_")) return "s" + r;
        return r;
    }
}
