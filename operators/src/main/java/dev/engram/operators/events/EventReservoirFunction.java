package dev.engram.operators.events;

import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.InputRecord;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.zeroshot.ZeroShotModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import dev.engram.operators.metrics.EngramMetrics;
import dev.engram.operators.metrics.StreamMetricGroups;
import dev.engram.operators.metrics.StreamMetrics;
import dev.engram.operators.preview.Preview;
import dev.engram.operators.preview.PreviewImages;
import dev.engram.operators.preview.Previews;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs each event stream (key = {@link EventChunk#streamId}) through a liquid state machine and emits
 * one {@link EventResult} per sample or time window, as its {@link ReservoirReadout} makes it: a
 * prediction with class scores when a trained {@link EventModel} is given (loaded in {@code open()}),
 * else the reservoir features as an embedding; or, with a zero-shot model ({@link #zeroShot}), audio
 * and vision streams each through their own reservoir and projection head, emitting the shared
 * embedding and a zero-shot prediction.
 * The per-stream {@link StreamEncoding} (reservoir state, spike log or window features) lives in keyed
 * {@code ValueState} with the versioned {@link StreamEncodingSerializer}; since the reservoir is
 * seeded and the simulation deterministic, restore → continue gives the same results as never
 * stopping, provided a stream's chunks arrive in order (one source reader per file).
 *
 * <p>Slicing: {@link #samples} treats every file as one sample (N-MNIST folders); its features and
 * prediction equal {@code EventEvaluation.Model.predict} on the whole file. {@link #windows} cuts a
 * continuous stream into fixed windows. The reservoir is the model's (its options and sensor size);
 * without a model it is built from the given LSM options for the sensor size of the stream's first
 * chunk. Reservoirs are shared by all streams of the same configuration in a task.
 *
 * <p>Input is the sources' {@link InputRecord}: a stream ends with its last chunk
 * ({@link EventChunk#endOfFile}) or its end-of-stream marker, whichever comes first; the marker is
 * passed on as an {@link EventResult} with {@code endOfStream} set so outputs can complete the stream.
 *
 * <p>Failure behaviour: bad input never fails the job. Dead letters of the source (a truncated or
 * corrupt file, with the bytes and offset where decoding stopped) pass on to {@link DeadLetters#TAG};
 * the chunk before them carries the {@link EventChunk#problem}: in sample mode that file's sample is
 * dropped (a partial digit is not that digit), in window mode the events before the problem are used.
 * A file without events, a sample that spikes beyond {@link StreamEncoding#MAX_SAMPLE_SPIKES}, a
 * stream whose sensor differs from the model's (its events outside the model's sensor are ignored),
 * and a stream no reservoir of a zero-shot model fits are dead-lettered too.
 *
 * <p>Metrics ({@link EngramMetrics}), per live stream in group {@code stream=<id>} (closed when the
 * stream ends): events in and per second, processing latency per chunk, time of the latest chunk,
 * learner bytes (the stream's reservoir state and window), the reservoir's firing rate in the latest
 * window or sample, and dead letters by reason; {@code liveStreams} per operator instance.
 *
 * <p>Previews: with {@link #previews(long)} set, about one raster of a chunk's events per stream and
 * interval goes to the {@link Previews#TAG} side output.
 */
public class EventReservoirFunction extends KeyedProcessFunction<String, InputRecord<EventChunk>, EventResult> {
    private static final long serialVersionUID = 1L;

    private final ReservoirReadout readout;
    private final long windowUs;
    private long previewIntervalMs;

    private transient ValueState<StreamEncoding> encodingState;
    private transient StreamMetricGroups<EventMetrics> streams;
    private transient Previews previews;

    /** For subclasses (tests that inject failures): the operator of {@code readout}, per file or in windows. */
    protected EventReservoirFunction(ReservoirReadout readout, long windowUs, long stepUs) {
        this.readout = readout;
        this.windowUs = windowUs;
        if (windowUs < 0) throw new IllegalArgumentException("window must not be negative");
        if (windowUs % stepUs != 0) {
            throw new IllegalArgumentException("window of " + windowUs + " us is not a multiple of lsm.step-us (" + stepUs + " us)");
        }
    }

    private static EventReservoirFunction classifying(OptionSet lsm, EventModel model, long windowUs) {
        OptionSet o = model == null ? lsm : model.lsm();
        return new EventReservoirFunction(new ClassifierReadout(lsm, model), windowUs, o.get(LsmOptions.STEP_US));
    }

    /** One file = one sample, classified by {@code model}. */
    public static EventReservoirFunction samples(EventModel model) {
        return classifying(null, model, 0);
    }

    /** One file = one sample, emitted as reservoir features of a reservoir with {@code lsm} options. */
    public static EventReservoirFunction samples(OptionSet lsm) {
        return classifying(lsm, null, 0);
    }

    /** Fixed windows of {@code windowUs}, classified by {@code model}. */
    public static EventReservoirFunction windows(EventModel model, long windowUs) {
        return classifying(null, model, requirePositive(windowUs));
    }

    /** Fixed windows of {@code windowUs}, emitted as reservoir features. */
    public static EventReservoirFunction windows(OptionSet lsm, long windowUs) {
        return classifying(lsm, null, requirePositive(windowUs));
    }

    /**
     * One file = one sample of audio or vision, each through its own reservoir and projection head
     * of {@code model}: the sample's shared embedding and its zero-shot prediction ({@link ZeroShotReadout}).
     */
    public static EventReservoirFunction zeroShot(ZeroShotModel model) {
        return new EventReservoirFunction(new ZeroShotReadout(model), 0, 1);
    }

    /** The readout of a subclass's super call for {@link #zeroShot}. */
    protected static ReservoirReadout zeroShotReadout(ZeroShotModel model) {
        return new ZeroShotReadout(model);
    }

    /** Sends a raster of each stream's events to {@link Previews#TAG} every {@code intervalMs} of wall-clock time; 0 = none. */
    public EventReservoirFunction previews(long intervalMs) {
        this.previewIntervalMs = intervalMs;
        return this;
    }

    private static long requirePositive(long windowUs) {
        if (windowUs <= 0) throw new IllegalArgumentException("window must be positive, got " + windowUs + " us");
        return windowUs;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        encodingState = getRuntimeContext().getState(new ValueStateDescriptor<>("stream-encoding", StreamEncodingSerializer.INSTANCE));
        readout.open();
        streams = new StreamMetricGroups<>(getRuntimeContext().getMetricGroup(), EventMetrics::new);
        previews = new Previews(previewIntervalMs);
    }

    @Override
    public void close() throws Exception {
        if (streams != null) streams.releaseAll();
        super.close();
    }

    @Override
    public void processElement(InputRecord<EventChunk> record, Context ctx, Collector<EventResult> out) throws Exception {
        String streamId = ctx.getCurrentKey();
        if (record.deadLetter != null) {
            streams.of(streamId).deadLetter(record.deadLetter.stage);
            ctx.output(DeadLetters.TAG, record.deadLetter);
        }
        if (record.endOfStream) {
            StreamEncoding enc = encodingState.value();
            List<StreamEncoding.Encoded> done = new ArrayList<>(2);
            if (enc != null) {
                enc.finish(done::add);
                if (enc.refusal() != null) deadLetter(ctx, streamId, -1, null, streamId + ": " + enc.refusal());
                encodingState.clear();
            }
            emit(streamId, enc, done, out);
            streams.release(streamId);
            previews.release(streamId);
            out.collect(EventResult.end(streamId));
            return;
        }
        if (record.value != null) {
            long started = System.nanoTime();
            encode(streamId, record.value, ctx, out);
            streams.of(streamId).processed(record.value.size(), System.nanoTime() - started);
            if (previews.due(streamId)) ctx.output(Previews.TAG, preview(record.value));
        }
    }

    private static Preview preview(EventChunk c) {
        Preview p = PreviewImages.events(Math.max(1, c.width), Math.max(1, c.height), c.x, c.y, c.polarity, c.size());
        p.streamId = c.streamId;
        p.kind = Preview.EVENTS;
        p.index = c.chunk;
        p.timeMs = System.currentTimeMillis();
        p.caption = "chunk " + c.chunk + " · " + c.size() + " events";
        return p;
    }

    private void encode(String streamId, EventChunk chunk, Context ctx, Collector<EventResult> out) throws Exception {
        StreamEncoding enc = encodingState.value();
        List<StreamEncoding.Encoded> done = new ArrayList<>(2);
        if (enc == null && chunk.size() > 0) {
            try {
                enc = StreamEncoding.start(readout.reservoirFor(chunk, warning -> deadLetter(ctx, chunk, warning)), windowUs);
            } catch (IllegalArgumentException e) {
                deadLetter(ctx, chunk, chunk.origin + ": cannot build a reservoir: " + e.getMessage());
                return;
            }
        }
        if (enc != null) {
            try {
                enc.accept(chunk, done::add);
            } catch (RuntimeException e) {
                deadLetter(ctx, chunk, "reservoir failed on chunk " + chunk.chunk + ": " + e + "; the stream restarts");
                encodingState.clear();
                return;
            }
        }
        if (chunk.endOfFile) {
            if (enc == null) {
                if (chunk.problem == null) deadLetter(ctx, chunk, chunk.origin + ": no events");
            } else {
                if (enc.sampleMode() && chunk.problem != null) {
                    enc.discard();
                } else {
                    enc.finish(done::add);
                    if (enc.refusal() != null) deadLetter(ctx, chunk, chunk.origin + ": " + enc.refusal());
                }
            }
            encodingState.clear();
        } else if (enc != null) {
            encodingState.update(enc);
        }
        emit(streamId, enc, done, out);
    }

    private void emit(String streamId, StreamEncoding enc, List<StreamEncoding.Encoded> done, Collector<EventResult> out) {
        if (enc == null) return; // nothing was encoded, so nothing is done
        EventMetrics m = streams.of(streamId);
        m.learnerBytes = enc.bytes();
        for (StreamEncoding.Encoded e : done) {
            out.collect(result(streamId, e, enc.reservoir()));
            if (e.tEndUs() > e.tStartUs()) {
                m.firingRate = e.spikes() / (double) enc.reservoir().neurons() / ((e.tEndUs() - e.tStartUs()) / 1e6);
            }
        }
    }

    private EventResult result(String streamId, StreamEncoding.Encoded e, LifReservoir reservoir) {
        EventResult r = new EventResult();
        r.streamId = streamId;
        r.origin = e.origin();
        r.index = e.index();
        r.tStartUs = e.tStartUs();
        r.tEndUs = e.tEndUs();
        r.events = e.events();
        r.spikes = e.spikes();
        r.label = e.label();
        readout.complete(r, e, reservoir);
        return r;
    }

    private void deadLetter(Context ctx, EventChunk chunk, String reason) {
        deadLetter(ctx, chunk.streamId, chunk.chunk, chunk.origin, reason);
    }

    private void deadLetter(Context ctx, String streamId, long index, String origin, String reason) {
        streams.of(streamId).deadLetter("encode");
        ctx.output(DeadLetters.TAG, new DeadLetter(streamId, index, origin, reason).at("encode"));
    }

    /** An event stream's metrics; the gauges read what the operator thread wrote after the stream's latest chunk. */
    static final class EventMetrics extends StreamMetrics {
        volatile long learnerBytes;
        volatile double firingRate = Double.NaN;

        EventMetrics(MetricGroup g) {
            super(g, EngramMetrics.EVENTS_IN, EngramMetrics.EVENTS_PER_SECOND);
            g.gauge(EngramMetrics.LEARNER_BYTES.name(), () -> learnerBytes);
            g.gauge(EngramMetrics.LSM_FIRING_RATE.name(), () -> firingRate);
        }
    }
}
