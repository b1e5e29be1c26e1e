package dev.engram.operators.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics every learner operator keeps for each of its streams, in the stream's group
 * ({@link EngramMetrics#STREAM}{@code =<id>}): records in and their rate, processing latency, the
 * time of the latest record and dead letters by reason. Operators extend it with their own gauges,
 * registered in the subclass constructor; gauges read volatile fields the operator thread writes.
 */
public class StreamMetrics {
    /** Records the latency histogram keeps per stream. */
    static final int LATENCY_WINDOW = 500;

    protected final MetricGroup group;
    private final Counter in;
    private final RecentRate rate;
    private final Histogram latency;
    private final Map<String, Counter> deadLetters = new HashMap<>();
    private volatile long lastRecordMs;

    /**
     * @param inputs the counter of records in ({@link EngramMetrics#FRAMES_IN} or {@link EngramMetrics#EVENTS_IN})
     * @param inputRate its rate ({@link EngramMetrics#FRAMES_PER_SECOND} or {@link EngramMetrics#EVENTS_PER_SECOND})
     */
    protected StreamMetrics(MetricGroup group, EngramMetrics.Metric inputs, EngramMetrics.Metric inputRate) {
        this.group = group;
        this.in = group.counter(inputs.name());
        this.rate = group.meter(inputRate.name(), new RecentRate());
        this.latency = group.histogram(EngramMetrics.PROCESSING_LATENCY.name(), new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge(EngramMetrics.LAST_RECORD_TIME.name(), () -> lastRecordMs);
    }

    /** One record of {@code inputs} frames or events, processed in {@code nanos}. */
    public void processed(long inputs, long nanos) {
        in.inc(inputs);
        rate.markEvent(inputs);
        latency.update(Math.round(nanos / 1e6));
        lastRecordMs = System.currentTimeMillis();
    }

    /** A dead letter refused at {@code stage} (null counts as {@code unknown}). */
    public void deadLetter(String stage) {
        String reason = stage == null || stage.isBlank() ? "unknown" : stage;
        deadLetters.computeIfAbsent(reason, r -> group.addGroup(EngramMetrics.REASON, r).counter(EngramMetrics.DEAD_LETTERS.name()))
                .inc();
    }

    public long lastRecordMs() {
        return lastRecordMs;
    }
}
