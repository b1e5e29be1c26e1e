package dev.engram.connectors.sink.preview;

import dev.engram.operators.preview.Preview;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link Preview} of each stream, per channel, held in this JVM: where a job on the
 * embedded MiniCluster ({@code engram demo}, {@code engram run} without {@code --cluster}) leaves
 * its previews for the dashboard of the same process. A channel names one run, so jobs of one JVM do
 * not mix. Bounded: at most {@link #MAX_STREAMS} streams per channel (the longest quiet ones go
 * first), one preview each.
 */
public final class LivePreviews {
    public static final int MAX_STREAMS = 1024;
    private static final Map<String, Map<String, Preview>> CHANNELS = new ConcurrentHashMap<>();

    private LivePreviews() {}

    /** Keeps {@code p} as its stream's latest preview on {@code channel}. */
    public static void publish(String channel, Preview p) {
        Map<String, Preview> latest = CHANNELS.computeIfAbsent(channel, c -> new ConcurrentHashMap<>());
        latest.put(p.streamId, p);
        if (latest.size() > MAX_STREAMS) {
            List<Preview> all = new ArrayList<>(latest.values());
            all.sort(Comparator.comparingLong(x -> x.timeMs));
            for (int i = 0; i < all.size() - MAX_STREAMS; i++) latest.remove(all.get(i).streamId, all.get(i));
        }
    }

    /** The latest preview of each stream on {@code channel} (a live view; empty when nothing arrived). */
    public static Map<String, Preview> latest(String channel) {
        Map<String, Preview> m = CHANNELS.get(channel);
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(m);
    }

    /** Drops a channel whose run is over. */
    public static void close(String channel) {
        CHANNELS.remove(channel);
    }
}
