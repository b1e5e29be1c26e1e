package dev.engram.jobs.dashboard;

import java.io.IOException;
import java.util.List;

/** Where the dashboard reads stream metrics from: this process's Flink metric system, or a cluster's REST API. */
public interface MetricSource extends AutoCloseable {
    /** The streams reporting now, each once. IOException when the metrics cannot be reached (the dashboard says so and tries again). */
    List<StreamReading> read() throws IOException;

    /** Where the metrics come from, for the page's header. */
    String describe();

    @Override
    default void close() {}
}
