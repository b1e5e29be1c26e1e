package dev.engram.connectors;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records through and throws once, after it has seen {@code failAfter} records and at least
 * one checkpoint has completed, so the job restarts from real state. The failure count is static
 * (one MiniCluster JVM), so the restarted task does not fail again.
 */
final class FailOnceMapper<T> implements MapFunction<T, T>, CheckpointListener {
    static final AtomicInteger FAILURES = new AtomicInteger();

    private final long failAfter;
    private long seen;
    private boolean checkpointed;

    FailOnceMapper(long failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    public T map(T value) {
        if (++seen > failAfter && checkpointed && FAILURES.get() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure after " + seen + " records");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
