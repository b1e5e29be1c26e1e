package dev.engram.jobs.dashboard;

import dev.engram.operators.metrics.EngramMetrics;
import java.util.Map;

/**
 * One look at one stream's metrics, gathered over every operator that reports for the stream (the
 * learner, and a camera source's health): values by {@link EngramMetrics} name; a histogram as
 * {@code <name>.p50} and {@code <name>.p95}; dead letters summed over their reasons.
 *
 * @param kind {@code vos}, {@code events}, {@code tta} (from the metrics the learner exports), or {@code camera}
 */
public record StreamReading(String stream, String kind, Map<String, Double> values) {
    public static final String VOS = "vos";
    public static final String EVENTS = "events";
    public static final String TTA = "tta";
    public static final String CAMERA = "camera";

    /** The kind a stream's metrics reveal. */
    static String kindOf(Map<String, Double> values) {
        if (values.containsKey(EngramMetrics.TTA_ERROR.name()) || values.containsKey(EngramMetrics.TTA_ENTROPY.name())) return TTA;
        if (values.containsKey(EngramMetrics.EVENTS_IN.name())) return EVENTS;
        if (values.containsKey(EngramMetrics.BANK_BYTES.name()) || values.containsKey(EngramMetrics.BUDGET_BYTES.name())) return VOS;
        return CAMERA;
    }

    public double value(EngramMetrics.Metric m) {
        Double v = values.get(m.name());
        return v == null ? Double.NaN : v;
    }
}
