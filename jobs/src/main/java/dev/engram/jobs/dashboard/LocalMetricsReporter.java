package dev.engram.jobs.dashboard;

import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that hands Engram's per-stream metrics to {@link LocalMetrics}, so a
 * dashboard in the same JVM as the job (the embedded MiniCluster) reads them without any network
 * hop. Configured as reporter {@value #NAME} by {@link #FACTORY_OPTION}; found by Flink through
 * {@code META-INF/services}.
 */
public final class LocalMetricsReporter implements MetricReporter {
    /** The reporter's name in Flink's configuration: {@code metrics.reporter.engram-dashboard.*}. */
    public static final String NAME = "engram-dashboard";
    /** The Flink option that enables it, with {@link Factory}'s class name as value. */
    public static final String FACTORY_OPTION = "metrics.reporter." + NAME + ".factory.class";

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        LocalMetrics.added(metric, name, group.getAllVariables());
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        LocalMetrics.removed(metric);
    }

    /** Flink's entry point for the reporter. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(java.util.Properties properties) {
            return new LocalMetricsReporter();
        }
    }
}
