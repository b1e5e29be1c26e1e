package dev.engram.jobs.dashboard;

import dev.engram.operators.metrics.EngramMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;

/**
 * The per-stream Engram metrics of every Flink job in this JVM, as {@link LocalMetricsReporter}
 * (a reporter of Flink's metric system) hands them over: a job on the embedded MiniCluster reports
 * here, and the dashboard of the same process reads them as a {@link MetricSource}. Only metrics
 * named in {@link EngramMetrics} and registered in a stream's group are kept; a stream's metrics leave
 * when Flink closes its group (the stream ended) or the job's metric groups close.
 */
public final class LocalMetrics implements MetricSource {
    private record Registered(String name, String stream, String job) {}

    private static final Map<Metric, Registered> METRICS = new ConcurrentHashMap<>();

    static void added(Metric metric, String name, Map<String, String> variables) {
        String stream = variables.get("<" + EngramMetrics.STREAM + ">");
        if (stream == null || EngramMetrics.named(name) == null) return;
        METRICS.put(metric, new Registered(name, stream, variables.getOrDefault("<job_name>", "")));
    }

    static void removed(Metric metric) {
        METRICS.remove(metric);
    }

    /** Metrics held now (for tests of the registry's bound). */
    static int size() {
        return METRICS.size();
    }

    @Override
    public List<StreamReading> read() {
        Map<String, Map<String, Double>> byStream = new TreeMap<>();
        for (Map.Entry<Metric, Registered> e : METRICS.entrySet()) {
            Registered r = e.getValue();
            Map<String, Double> values = byStream.computeIfAbsent(r.stream(), s -> new LinkedHashMap<>());
            put(values, r.name(), e.getKey());
        }
        List<StreamReading> out = new ArrayList<>();
        byStream.forEach((stream, values) -> out.add(new StreamReading(stream, StreamReading.kindOf(values), values)));
        return out;
    }

    /** Adds one metric's current value under its name (dead letters of several reasons add up). */
    static void put(Map<String, Double> values, String name, Metric m) {
        if (m instanceof Counter c) {
            values.merge(name, (double) c.getCount(), Double::sum);
        } else if (m instanceof Meter meter) {
            values.put(name, meter.getRate());
        } else if (m instanceof Histogram h) {
            HistogramStatistics s = h.getStatistics();
            if (s.size() > 0) {
                values.put(name + ".p50", s.getQuantile(0.5));
                values.put(name + ".p95", s.getQuantile(0.95));
            }
        } else if (m instanceof Gauge<?> g) {
            try {
                if (g.getValue() instanceof Number n) values.put(name, n.doubleValue());
            } catch (RuntimeException ignored) {
                // A gauge that fails to read is left out of this look.
            }
        }
    }

    @Override
    public String describe() {
        return "this process (embedded Flink)";
    }
}
