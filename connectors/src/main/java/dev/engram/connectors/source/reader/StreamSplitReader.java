package dev.engram.connectors.source.reader;

import dev.engram.connectors.source.camera.HealthReporting;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.metrics.EngramMetrics;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;

/**
 * Reads the splits the enumerator assigned to this subtask, at most {@code maxOpen} at a time, one
 * record per poll from each open split in turn, so the streams of a reader progress together. When a
 * split ends, the reader emits its end-of-stream marker and opens the next queued split.
 *
 * <p>Checkpoints hold every assigned split at the position of its last emitted record, so a restored
 * reader neither repeats nor skips a record. Cursors are opened lazily on first read and closed when
 * their split ends or the reader closes.
 *
 * <p>Metrics (reader group): counters {@code recordsRead}, {@code deadLetters}, {@code streamsEnded};
 * for a live camera, per stream ({@code stream=<id>}, released when its split closes), under the
 * names {@link EngramMetrics} declares: gauges {@code cameraConnected} and {@code cameraStalled} (0/1)
 * and {@code cameraLastFrameAgeMs}, counters {@code cameraReconnects} and {@code cameraFramesDropped}.
 */
public final class StreamSplitReader<T> implements SourceReader<InputRecord<T>, StreamSplit> {
    private final SplitFormat<T> format;
    private final int maxOpen;
    private final ArrayDeque<StreamSplit> queued = new ArrayDeque<>();
    private final List<OpenSplit<T>> open = new ArrayList<>();
    private final Counter recordsRead;
    private final Counter deadLetters;
    private final Counter streamsEnded;
    private final MetricGroup metrics;
    private CompletableFuture<Void> availability = CompletableFuture.completedFuture(null);
    private ScheduledExecutorService timer;
    private boolean noMoreSplits;
    private int turn;

    public StreamSplitReader(SourceReaderContext context, SplitFormat<T> format, int maxOpen) {
        if (maxOpen < 1) throw new IllegalArgumentException("maxOpen must be at least 1, got " + maxOpen);
        this.format = format;
        this.maxOpen = maxOpen;
        this.recordsRead = context.metricGroup().counter(EngramMetrics.RECORDS_READ.name());
        this.deadLetters = context.metricGroup().counter(EngramMetrics.SOURCE_DEAD_LETTERS.name());
        this.streamsEnded = context.metricGroup().counter(EngramMetrics.STREAMS_ENDED.name());
        this.metrics = context.metricGroup();
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<InputRecord<T>> output) throws Exception {
        while (open.size() < maxOpen && !queued.isEmpty()) open.add(new OpenSplit<>(queued.poll(), metrics));
        if (open.isEmpty()) {
            if (noMoreSplits) return InputStatus.END_OF_INPUT;
            unavailable();
            return InputStatus.NOTHING_AVAILABLE;
        }
        long soonest = Long.MAX_VALUE;
        for (int tries = 0; tries < open.size(); tries++) {
            int i = Math.floorMod(turn++, open.size());
            OpenSplit<T> s = open.get(i);
            long wait = s.nanosUntilNext(format);
            if (wait > 0) {
                soonest = Math.min(soonest, wait);
                continue;
            }
            InputRecord<T> r = s.next(format);
            if (r != null && r.health != null) {
                output.collect(r);
                return InputStatus.MORE_AVAILABLE;
            }
            if (r == null) {
                s.close();
                open.remove(i);
                streamsEnded.inc();
                output.collect(InputRecord.end(s.split.streamId()));
            } else {
                if (r.deadLetter != null) deadLetters.inc();
                else recordsRead.inc();
                output.collect(r);
            }
            return InputStatus.MORE_AVAILABLE;
        }
        unavailable();
        CompletableFuture<Void> due = availability;
        timer().schedule(() -> due.complete(null), soonest, TimeUnit.NANOSECONDS);
        return InputStatus.NOTHING_AVAILABLE;
    }

    private void unavailable() {
        if (availability.isDone()) availability = new CompletableFuture<>();
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "engram-source-timer");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    @Override
    public List<StreamSplit> snapshotState(long checkpointId) {
        List<StreamSplit> state = new ArrayList<>(open.size() + queued.size());
        for (OpenSplit<T> s : open) state.add(s.split.at(s.split.position()));
        for (StreamSplit s : queued) state.add(s.at(s.position()));
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return availability;
    }

    @Override
    public void addSplits(List<StreamSplit> splits) {
        queued.addAll(splits);
        availability.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        availability.complete(null);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (OpenSplit<T> s : open) {
            try {
                s.close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        open.clear();
        if (timer != null) timer.shutdownNow();
        if (first != null) throw first;
    }

    /** A split being read: its cursor (opened on first use) and the split whose position it advances. */
    private static final class OpenSplit<T> {
        final StreamSplit split;
        final MetricGroup readerMetrics;
        SplitCursor<T> cursor;
        MetricGroup health;

        OpenSplit(StreamSplit split, MetricGroup readerMetrics) {
            this.split = split;
            this.readerMetrics = readerMetrics;
        }

        long nanosUntilNext(SplitFormat<T> format) throws IOException {
            if (ended()) return 0;
            return cursor(format).nanosUntilNext();
        }

        InputRecord<T> next(SplitFormat<T> format) throws IOException {
            if (ended()) return null;
            SplitCursor<T> c = cursor(format);
            InputRecord<T> r = c.next();
            if (r != null) {
                if (r.streamId == null) r.streamId = split.streamId();
                if (r.deadLetter != null && r.deadLetter.streamId == null) r.deadLetter.streamId = split.streamId();
            }
            split.advanceTo(c.position());
            return r;
        }

        private boolean ended() {
            return split.limit() >= 0 && split.position() >= split.limit();
        }

        private SplitCursor<T> cursor(SplitFormat<T> format) throws IOException {
            if (cursor == null) {
                try {
                    cursor = format.open(split);
                } catch (RuntimeException e) {
                    cursor = new FailedCursor<>(split, e);
                }
                if (cursor instanceof HealthReporting h) health = registerHealth(h);
            }
            return cursor;
        }

        private MetricGroup registerHealth(HealthReporting h) {
            MetricGroup g = readerMetrics.addGroup(EngramMetrics.STREAM, split.streamId());
            g.gauge(EngramMetrics.CAMERA_CONNECTED.name(), () -> h.health().connected ? 1 : 0);
            g.gauge(EngramMetrics.CAMERA_STALLED.name(), () -> h.health().stalled ? 1 : 0);
            g.counter(EngramMetrics.CAMERA_RECONNECTS.name(), new HealthCount(() -> h.health().reconnects));
            g.counter(EngramMetrics.CAMERA_FRAMES_DROPPED.name(), new HealthCount(() -> h.health().framesDropped));
            g.gauge(EngramMetrics.CAMERA_LAST_FRAME_AGE.name(), () -> h.health().lastFrameAgeMs);
            return g;
        }

        void close() throws IOException {
            if (health instanceof AbstractMetricGroup<?> g) g.close();
            health = null;
            if (cursor != null) cursor.close();
            cursor = null;
        }
    }

    /**
     * A counter whose count is the camera reader's own running total (reconnects, dropped frames), so
     * reporters export it as the counter {@link EngramMetrics} declares; nothing in the job increments it.
     */
    private record HealthCount(java.util.function.LongSupplier total) implements Counter {
        @Override
        public void inc() {
            throw new UnsupportedOperationException("a camera health count follows the camera reader");
        }

        @Override
        public void inc(long n) {
            throw new UnsupportedOperationException("a camera health count follows the camera reader");
        }

        @Override
        public void dec() {
            throw new UnsupportedOperationException("a camera health count follows the camera reader");
        }

        @Override
        public void dec(long n) {
            throw new UnsupportedOperationException("a camera health count follows the camera reader");
        }

        @Override
        public long getCount() {
            return total.getAsLong();
        }
    }

    /** A split whose format threw while opening: one dead letter naming the input, then the end. */
    private static final class FailedCursor<T> implements SplitCursor<T> {
        private final StreamSplit split;
        private final RuntimeException error;
        // The split's own position moves on as records are emitted, so the end is judged from the start.
        private final long startPosition;
        private long position;

        FailedCursor(StreamSplit split, RuntimeException error) {
            this.split = split;
            this.error = error;
            this.startPosition = split.position();
            this.position = startPosition;
        }

        @Override
        public InputRecord<T> next() {
            if (position > startPosition) return null;
            position++;
            String why = error.getMessage() == null ? error.toString() : error.getMessage();
            return InputRecord.dead(new DeadLetter(split.streamId(), position - 1, split.location(), "cannot open: " + why).at("source"));
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() {}
    }
}
