package dev.engram.operators.preview;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.OutputTag;

/**
 * The side output every learner operator sends its {@link Preview}s to, and the per-stream pacing:
 * a stream gets a preview when {@code intervalMs} of wall-clock time have passed since its last one.
 * Off ({@code intervalMs <= 0}) no preview is made, so a job nobody watches pays nothing.
 */
public final class Previews {
    /** One tag for the whole job, so previews of all learners can be unioned and sent to one sink. */
    public static final OutputTag<Preview> TAG = new OutputTag<>("previews") {};
    /** About one preview per second per stream. */
    public static final long DEFAULT_INTERVAL_MS = 1000;

    private final long intervalMs;
    private final Map<String, Long> last = new HashMap<>();

    public Previews(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public boolean enabled() {
        return intervalMs > 0;
    }

    /** True when {@code streamId} is due a preview now; marks it as given. */
    public boolean due(String streamId) {
        if (intervalMs <= 0) return false;
        long now = System.currentTimeMillis();
        Long before = last.get(streamId);
        if (before != null && now - before < intervalMs) return false;
        last.put(streamId, now);
        return true;
    }

    /** Forgets an ended stream. */
    public void release(String streamId) {
        last.remove(streamId);
    }
}
