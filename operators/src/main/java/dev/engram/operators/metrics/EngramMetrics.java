package dev.engram.operators.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every metric Engram registers with Flink's metric system, declared once: name, kind, labels, unit
 * and meaning. Operators, camera sources, the dashboard, the Grafana dashboard in {@code docker/} and
 * the README's table all use these names; a test checks that the README and Grafana agree with this list.
 *
 * <p>Per-stream metrics live in a metric group {@code stream=<id>} below the operator (key
 * {@link #STREAM}), which reporters turn into a {@code stream} label; dead letters add a group
 * {@code reason=<stage>} below it. Flink's Prometheus reporter names them
 * {@code flink_taskmanager_job_task_operator_stream_<name>} (and
 * {@code flink_taskmanager_job_task_operator_stream_reason_deadLetters}), maps '-' in label values
 * to '_', and exports histograms as summaries with quantiles. A stream's group is closed when the
 * stream ends, which removes its metrics from every reporter.
 */
public final class EngramMetrics {
    /** Metric group key of a stream: {@code stream=<id>}. */
    public static final String STREAM = "stream";
    /** Metric group key of a dead-letter reason below a stream: {@code reason=<stage>}. */
    public static final String REASON = "reason";

    /** How Flink registers the metric. */
    public enum Kind { COUNTER, GAUGE, METER, HISTOGRAM }

    /** Which jobs export a metric. */
    public enum Source { VOS, EVENTS, TTA, ALL_LEARNERS, CAMERA, OPERATOR, SOURCE }

    /** A metric: its Flink name, kind, labels (besides Flink's own job/task/operator labels), unit and meaning. */
    public record Metric(String name, Kind kind, String labels, String unit, Source source, String meaning) {}

    private static final List<Metric> ALL = new ArrayList<>();

    public static final Metric FRAMES_IN = add("framesIn", Kind.COUNTER, "stream", "frames", Source.ALL_LEARNERS,
            "camera frames the learner received: VOS frames, TTA digit shots (one per digit)");
    public static final Metric FRAMES_PER_SECOND = add("framesPerSecond", Kind.METER, "stream", "frames/s", Source.ALL_LEARNERS,
            "rate of framesIn over the last 5 s, updated every second");
    public static final Metric EVENTS_IN = add("eventsIn", Kind.COUNTER, "stream", "events", Source.EVENTS,
            "events the spiking reservoir received");
    public static final Metric EVENTS_PER_SECOND = add("eventsPerSecond", Kind.METER, "stream", "events/s", Source.EVENTS,
            "rate of eventsIn over the last 5 s, updated every second");
    public static final Metric PROCESSING_LATENCY = add("processingLatency", Kind.HISTOGRAM, "stream", "ms", Source.ALL_LEARNERS,
            "wall time the learner spent on each record (frame, event chunk, digit batch), over its last 500 records");
    public static final Metric LAST_RECORD_TIME = add("lastRecordTimeMs", Kind.GAUGE, "stream", "ms since 1970", Source.ALL_LEARNERS,
            "wall-clock time the learner finished the stream's latest record; now minus this is how long the stream has been quiet");
    public static final Metric LEARNER_BYTES = add("learnerBytes", Kind.GAUGE, "stream", "bytes", Source.ALL_LEARNERS,
            "the stream's whole learner state: VOS segmenter (maps, models, frame memories, GRCL states), "
                    + "event reservoir state and window, TTA adaptation state (parameters, optimiser, guard)");
    public static final Metric BUDGET_BYTES = add("budgetBytes", Kind.GAUGE, "stream", "bytes", Source.VOS,
            "the byte budget learnerBytes is held within (vos.memory-budget); never exceeded");
    public static final Metric BANK_BYTES = add("bankBytes", Kind.GAUGE, "stream", "bytes", Source.VOS,
            "the frame memories alone (every object's bank), a part of learnerBytes");
    public static final Metric EVICTIONS = add("evictions", Kind.COUNTER, "stream", "entries", Source.VOS,
            "frame-memory entries evicted to make room within the budget");
    public static final Metric MEMORY_SELECTIONS = add("memorySelections", Kind.COUNTER, "stream", "entries", Source.VOS,
            "memory frames the selection policy (RMSCL by default) picked for target-model updates");
    public static final Metric GRCL_GATE_SHARE = add("grclGateShare", Kind.GAUGE, "stream", "0..1", Source.VOS,
            "share of target-model parameters an open GRCL gate holds near earlier models (mean over objects; 0 with GRCL off)");
    public static final Metric ADAPTATION_LOSS = add("adaptationLoss", Kind.GAUGE, "stream", "loss", Source.VOS,
            "training loss of the latest target-model update (NaN before the first)");
    public static final Metric J_AND_F = add("jAndF", Kind.GAUGE, "stream", "0..1", Source.VOS,
            "DAVIS J&F (mean of region J and boundary F over objects) of the latest frame with ground truth");
    public static final Metric TTA_ENTROPY = add("ttaEntropy", Kind.GAUGE, "stream", "nats", Source.TTA,
            "mean prediction entropy of the adapted model on the latest batch");
    public static final Metric TTA_ERROR = add("ttaError", Kind.GAUGE, "stream", "0..1", Source.TTA,
            "error of the adapted model on the latest batch's labelled digits");
    public static final Metric SOURCE_ERROR = add("sourceError", Kind.GAUGE, "stream", "0..1", Source.TTA,
            "error of the frozen source model on the same digits, for comparison");
    public static final Metric ADAPTATION_STEP_BYTES = add("adaptationStepBytes", Kind.GAUGE, "stream", "bytes", Source.TTA,
            "memory one adaptation step holds: trainable parameters, gradients, optimiser state and the activations "
                    + "alive after the forward pass (backward-pass peaks not counted)");
    public static final Metric ADAPTATION_RESETS = add("adaptationResets", Kind.COUNTER, "stream", "resets", Source.TTA,
            "times the stream's adaptation was put back to its source state (a collapse, or a non-finite step)");
    public static final Metric COLLAPSE_DETECTIONS = add("collapseDetections", Kind.COUNTER, "stream", "detections", Source.TTA,
            "times the collapse guard judged the predictions collapsed (one class dominating, or entropy near zero)");
    public static final Metric LSM_FIRING_RATE = add("lsmFiringRate", Kind.GAUGE, "stream", "Hz", Source.EVENTS,
            "mean spikes per reservoir neuron per second of stream time, in the latest window or sample");
    public static final Metric DEAD_LETTERS = add("deadLetters", Kind.COUNTER, "stream, reason", "records", Source.ALL_LEARNERS,
            "inputs dropped as dead letters; reason = the step that refused them (source, decode, segment, encode, adapt)");
    public static final Metric CAMERA_CONNECTED = add("cameraConnected", Kind.GAUGE, "stream", "0/1", Source.CAMERA,
            "1 while the camera reader holds a connection to the camera (live camera sources)");
    public static final Metric CAMERA_STALLED = add("cameraStalled", Kind.GAUGE, "stream", "0/1", Source.CAMERA,
            "1 while a camera has delivered no frame for camera.stall-ms (3 s) (live camera sources)");
    public static final Metric CAMERA_RECONNECTS = add("cameraReconnects", Kind.COUNTER, "stream", "reconnects", Source.CAMERA,
            "reconnections to the camera since the reader opened it (live camera sources)");
    public static final Metric CAMERA_FRAMES_DROPPED = add("cameraFramesDropped", Kind.COUNTER, "stream", "frames", Source.CAMERA,
            "frames the full frame queue dropped under --on-overload (live camera sources)");
    public static final Metric CAMERA_LAST_FRAME_AGE = add("cameraLastFrameAgeMs", Kind.GAUGE, "stream", "ms", Source.CAMERA,
            "time since the camera delivered its latest frame (live camera sources)");
    public static final Metric LIVE_STREAMS = add("liveStreams", Kind.GAUGE, "", "streams", Source.OPERATOR,
            "streams with learner state in this operator instance");

    public static final Metric RECORDS_READ = add("recordsRead", Kind.COUNTER, "", "records", Source.SOURCE,
            "records (frames, chunks, batches, dead letters) a source reader emitted");
    public static final Metric SOURCE_DEAD_LETTERS = add("sourceDeadLetters", Kind.COUNTER, "", "records", Source.SOURCE,
            "dead letters a source reader emitted (input it could not decode); also counted per stream in deadLetters");
    public static final Metric STREAMS_ENDED = add("streamsEnded", Kind.COUNTER, "", "streams", Source.SOURCE,
            "streams (splits) a source reader read to their end");

    private EngramMetrics() {}

    private static Metric add(String name, Kind kind, String labels, String unit, Source source, String meaning) {
        Metric m = new Metric(name, kind, labels, unit, source, meaning);
        for (Metric other : ALL) {
            if (other.name().equals(name)) throw new IllegalStateException("metric " + name + " declared twice");
        }
        ALL.add(m);
        return m;
    }

    /** Every metric, in the order declared above. */
    public static List<Metric> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The metric called {@code name}, or null. */
    public static Metric named(String name) {
        for (Metric m : ALL) if (m.name().equals(name)) return m;
        return null;
    }

    /** The name Flink's Prometheus reporter gives {@code m}. */
    public static String prometheusName(Metric m) {
        String scope = m.labels().isEmpty() ? "" : m == DEAD_LETTERS ? "stream_reason_" : "stream_";
        return "flink_taskmanager_job_task_operator_" + scope + m.name();
    }
}
