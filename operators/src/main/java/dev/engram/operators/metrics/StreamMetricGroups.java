package dev.engram.operators.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * The per-stream metric groups ({@code stream=<id>}) of one operator instance. A group is created
 * with its metrics on a stream's first record and closed, which unregisters its metrics from every
 * reporter, when the stream ends; so a job whose streams come and go for weeks keeps a registry the
 * size of its live streams. A stream that comes back gets a fresh group.
 *
 * <p>Also registers the operator-wide {@link EngramMetrics#LIVE_STREAMS} gauge. Not thread-safe: the
 * operator's thread calls it; reporters only read the metrics.
 *
 * @param <M> the per-stream metrics, registered by their constructor in the stream's group
 */
public final class StreamMetricGroups<M> {
    private final MetricGroup operator;
    private final Function<MetricGroup, M> register;
    private final Map<String, Entry<M>> live = new HashMap<>();
    /** The size of {@link #live}, for the gauge that reporter threads read. */
    private volatile int liveCount;

    private record Entry<M>(MetricGroup group, M metrics) {}

    /** @param register creates a stream's metrics in the group it is given */
    public StreamMetricGroups(MetricGroup operator, Function<MetricGroup, M> register) {
        this.operator = operator;
        this.register = register;
        operator.gauge(EngramMetrics.LIVE_STREAMS.name(), () -> liveCount);
    }

    /** The metrics of {@code streamId}, creating its group and metrics on first use. */
    public M of(String streamId) {
        Entry<M> e = live.get(streamId);
        if (e == null) {
            MetricGroup g = operator.addGroup(EngramMetrics.STREAM, streamId);
            e = new Entry<>(g, register.apply(g));
            live.put(streamId, e);
            liveCount = live.size();
        }
        return e.metrics();
    }

    public int size() {
        return live.size();
    }

    /** Closes the group of an ended stream. */
    public void release(String streamId) {
        Entry<M> e = live.remove(streamId);
        liveCount = live.size();
        if (e != null && e.group() instanceof AbstractMetricGroup<?> g) g.close();
    }

    /** Closes every stream's group (the operator closes). */
    public void releaseAll() {
        for (String id : live.keySet().toArray(new String[0])) release(id);
    }
}
