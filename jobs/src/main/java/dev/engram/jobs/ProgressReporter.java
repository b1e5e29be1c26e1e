package dev.engram.jobs;

import dev.engram.operators.StreamSummary;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints progress (frames done and fps per stream) to a stream, at most once per interval, from the
 * summaries a job emits while it runs.
 */
public final class ProgressReporter {
    private final PrintStream out;
    private final long intervalMs;
    private final Map<String, StreamSummary> latest = new TreeMap<>();
    private long lastPrint;

    public ProgressReporter(PrintStream out, long intervalMs) {
        this.out = out;
        this.intervalMs = intervalMs;
    }

    public void update(StreamSummary s) {
        latest.put(s.streamId, s);
        long now = System.currentTimeMillis();
        if (now - lastPrint >= intervalMs) {
            lastPrint = now;
            StringBuilder line = new StringBuilder("progress:");
            latest.values().forEach(x -> line.append(String.format("  %s %d frames %.1f fps", x.streamId, x.frames,
                    Double.isFinite(x.fps) ? x.fps : 0.0)));
            out.println(line);
        }
    }
}
