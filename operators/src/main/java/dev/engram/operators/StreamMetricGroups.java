package dev.engram.operators;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * The per-stream metric groups ({@code stream=<id>}) of one operator instance. A group is created
 * with its metrics on a stream's first record and closed, which unregisters its metrics from every
 * reporter, when the stream ends; so a job whose streams come and go for weeks keeps a registry the
 * size of its live streams. A stream that comes back gets a fresh group.
 *
 * @param <F> the per-stream figures the gauges read
 */
final class StreamMetricGroups<F> {
    private final MetricGroup operator;
    private final java.util.function.Supplier<F> figures;
    private final BiConsumer<MetricGroup, F> register;
    private final Map<String, Entry<F>> live = new HashMap<>();

    private record Entry<F>(MetricGroup group, F figures) {}

    StreamMetricGroups(MetricGroup operator, java.util.function.Supplier<F> figures, BiConsumer<MetricGroup, F> register) {
        this.operator = operator;
        this.figures = figures;
        this.register = register;
    }

    /** The figures of {@code streamId}, creating its group and metrics on first use. */
    F of(String streamId) {
        return live.computeIfAbsent(streamId, id -> {
            MetricGroup g = operator.addGroup("stream", id);
            F f = figures.get();
            register.accept(g, f);
            return new Entry<>(g, f);
        }).figures();
    }

    /** Figures of the live streams, for operator-wide gauges. */
    Iterable<F> all() {
        return live.values().stream().map(Entry::figures).toList();
    }

    int size() {
        return live.size();
    }

    /** Closes the group of an ended stream. */
    void release(String streamId) {
        Entry<F> e = live.remove(streamId);
        if (e != null && e.group() instanceof AbstractMetricGroup<?> g) g.close();
    }

    void releaseAll() {
        for (String id : live.keySet().toArray(new String[0])) release(id);
    }
}
