package dev.engram.jobs;

import dev.engram.connectors.sink.ResultOutputs;
import dev.engram.connectors.sink.file.FileOutputSink;
import dev.engram.connectors.sink.file.OutputFile;
import dev.engram.connectors.sink.preview.LivePreviewSink;
import dev.engram.connectors.sink.preview.PreviewFolderSink;
import dev.engram.connectors.source.StreamSource;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.StreamSummaryFunction;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
import dev.engram.operators.preview.Preview;
import dev.engram.operators.preview.Previews;
import dev.engram.operators.tta.AdaptedBatch;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.operators.tta.TtaFunction;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job graphs every command runs: the same for {@code engram run}, the demo, the evaluations, the
 * benchmarks and a cluster. Each is source → keyBy(stream) → learner operator → encoders → the
 * exactly-once {@link FileOutputSink}, with dead letters of every step written beside the results.
 * Every operator has a stable uid (savepoints map state by uid: never rename one) and a name.
 *
 * <p>A {@link Pipeline} is one such chain without its sink, so several can share one job (the demo
 * runs VOS, events and TTA side by side, each under its own uid prefix) and one sink. Previews, when
 * a {@link PreviewTarget} asks for them, leave the learners as a side output and go to the dashboard
 * of this process or to a folder; they never pass through the exactly-once sink.
 */
public final class JobGraphs {
    private static final TypeInformation<OutputFile> OUTPUT = TypeInformation.of(OutputFile.class);

    private JobGraphs() {}

    /** The stable operator uids, shared by all jobs where they mean the same step. */
    public static final class Uids {
        public static final String SOURCE = "source";
        public static final String SEGMENT = "segment";
        public static final String SCORE = "score";
        public static final String SUMMARY = "summary";
        public static final String LSM = "lsm-reservoir";
        public static final String TTA = "tta-adapt";
        public static final String RESULT_OUTPUTS = "result-outputs";
        public static final String SUMMARY_OUTPUTS = "summary-outputs";
        public static final String DEAD_LETTER_OUTPUTS = "dead-letter-outputs";
        public static final String FILE_SINK = "file-sink";
        public static final String PREVIEW_SINK = "preview-sink";

        private Uids() {}
    }

    /** Where previews go: the dashboard of this JVM (a {@code channel} of live previews) or a {@code folder}. */
    public record PreviewTarget(String channel, String folder, long intervalMs) {
        /** Previews for a dashboard in this process, about one per second per stream. */
        public static PreviewTarget live(String channel) {
            return new PreviewTarget(channel, null, Previews.DEFAULT_INTERVAL_MS);
        }

        /** Previews written under {@code folder} (local path or FileSystem URI), about one per second per stream. */
        public static PreviewTarget folder(String folder) {
            return new PreviewTarget(null, folder, Previews.DEFAULT_INTERVAL_MS);
        }
    }

    /** A learner chain's file outputs (results and dead letters) and its previews, before any sink. */
    public record Pipeline(DataStream<OutputFile> outputs, DataStream<Preview> previews) {}

    /**
     * VOS: frames → segmentation → scoring → masks, per-frame lines, summaries (every
     * {@code summaryEvery} frames and at each stream's end) and dead letters under {@code outputRoot}.
     */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot) {
        vos(env, source, function, scoring, summaryEvery, outputRoot, null);
    }

    /** VOS as {@link #vos(StreamExecutionEnvironment, StreamSource, SegmentationFunction, FrameScoring, int, String)}, with previews to {@code previews} (null: none). */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot, PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        finish(List.of(vosPipeline(env, "", source, function, scoring, summaryEvery)), outputRoot, previews);
    }

    /** The VOS chain with every uid prefixed by {@code uidPrefix} ("" for the VOS job itself). */
    public static Pipeline vosPipeline(StreamExecutionEnvironment env, String uidPrefix, StreamSource<LabeledFrame> source,
            SegmentationFunction function, FrameScoring scoring, int summaryEvery) {
        DataStream<InputRecord<LabeledFrame>> frames = source(env, uidPrefix, source, "frames");
        SingleOutputStreamOperator<SegmentedFrame> segmented = frames.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(SegmentedFrame.class).uid(uidPrefix + Uids.SEGMENT).name(uidPrefix + "segment");
        SingleOutputStreamOperator<SegmentedFrame> scored = segmented.map(scoring).returns(SegmentedFrame.class)
                .uid(uidPrefix + Uids.SCORE).name(uidPrefix + "score");
        DataStream<StreamSummary> summaries = scored.keyBy(f -> f.streamId, Types.STRING)
                .process(new StreamSummaryFunction(summaryEvery)).returns(StreamSummary.class)
                .uid(uidPrefix + Uids.SUMMARY).name(uidPrefix + "summary");
        DataStream<OutputFile> results = scored.flatMap(new ResultOutputs.Frames()).returns(OUTPUT)
                .uid(uidPrefix + Uids.RESULT_OUTPUTS).name(uidPrefix + "frame-outputs");
        DataStream<OutputFile> summaryFiles = summaries.flatMap(new ResultOutputs.Summaries()).returns(OUTPUT)
                .uid(uidPrefix + Uids.SUMMARY_OUTPUTS).name(uidPrefix + "summary-outputs");
        return new Pipeline(results.union(summaryFiles, deadLetters(uidPrefix, segmented.getSideOutput(DeadLetters.TAG))),
                segmented.getSideOutput(Previews.TAG));
    }

    /** Events: recordings or emulated cameras → reservoir (and readout) → {@code events/<stream>.jsonl} and dead letters. */
    public static void events(StreamExecutionEnvironment env, StreamSource<EventChunk> source, EventReservoirFunction function,
            String outputRoot) {
        events(env, source, function, outputRoot, null);
    }

    /** Events with previews to {@code previews} (null: none). */
    public static void events(StreamExecutionEnvironment env, StreamSource<EventChunk> source, EventReservoirFunction function,
            String outputRoot, PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        finish(List.of(eventsPipeline(env, "", source, function)), outputRoot, previews);
    }

    /** The events chain with every uid prefixed by {@code uidPrefix} ("" for the events job itself). */
    public static Pipeline eventsPipeline(StreamExecutionEnvironment env, String uidPrefix, StreamSource<EventChunk> source,
            EventReservoirFunction function) {
        DataStream<InputRecord<EventChunk>> chunks = source(env, uidPrefix, source, "event-streams");
        SingleOutputStreamOperator<EventResult> results = chunks.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(uidPrefix + Uids.LSM).name(uidPrefix + "lsm-reservoir");
        DataStream<OutputFile> lines = results.flatMap(new ResultOutputs.Events()).returns(OUTPUT)
                .uid(uidPrefix + Uids.RESULT_OUTPUTS).name(uidPrefix + "event-outputs");
        return new Pipeline(lines.union(deadLetters(uidPrefix, results.getSideOutput(DeadLetters.TAG))),
                results.getSideOutput(Previews.TAG));
    }

    /** TTA: digit batches → adapted classifier → {@code tta/<stream>.jsonl} and dead letters. */
    public static void tta(StreamExecutionEnvironment env, StreamSource<DigitBatch> source, TtaFunction function,
            String outputRoot) {
        tta(env, source, function, outputRoot, null);
    }

    /** TTA with previews to {@code previews} (null: none). */
    public static void tta(StreamExecutionEnvironment env, StreamSource<DigitBatch> source, TtaFunction function,
            String outputRoot, PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        finish(List.of(ttaPipeline(env, "", source, function)), outputRoot, previews);
    }

    /** The TTA chain with every uid prefixed by {@code uidPrefix} ("" for the TTA job itself). */
    public static Pipeline ttaPipeline(StreamExecutionEnvironment env, String uidPrefix, StreamSource<DigitBatch> source,
            TtaFunction function) {
        DataStream<InputRecord<DigitBatch>> batches = source(env, uidPrefix, source, "digit-streams");
        SingleOutputStreamOperator<AdaptedBatch> adapted = batches.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(AdaptedBatch.class).uid(uidPrefix + Uids.TTA).name(uidPrefix + "tta-adapt");
        DataStream<OutputFile> lines = adapted.flatMap(new ResultOutputs.Tta()).returns(OUTPUT)
                .uid(uidPrefix + Uids.RESULT_OUTPUTS).name(uidPrefix + "tta-outputs");
        return new Pipeline(lines.union(deadLetters(uidPrefix, adapted.getSideOutput(DeadLetters.TAG))),
                adapted.getSideOutput(Previews.TAG));
    }

    /**
     * Writes the outputs of every pipeline through one exactly-once sink under {@code outputRoot}, and
     * their previews to {@code previews} (none when null; the learners then make none either, when their
     * preview interval was left at 0).
     */
    public static void finish(List<Pipeline> pipelines, String outputRoot, PreviewTarget previews) {
        DataStream<OutputFile> outputs = pipelines.get(0).outputs();
        DataStream<Preview> pictures = pipelines.get(0).previews();
        for (Pipeline p : pipelines.subList(1, pipelines.size())) {
            outputs = outputs.union(p.outputs());
            pictures = pictures.union(p.previews());
        }
        outputs.sinkTo(FileOutputSink.to(outputRoot)).uid(Uids.FILE_SINK).name("file-sink");
        if (previews == null) return;
        if (previews.channel() != null) {
            pictures.sinkTo(new LivePreviewSink(previews.channel())).uid(Uids.PREVIEW_SINK).name("preview-sink");
        } else {
            pictures.sinkTo(PreviewFolderSink.to(previews.folder())).uid(Uids.PREVIEW_SINK).name("preview-sink");
        }
    }

    private static <T> DataStream<InputRecord<T>> source(StreamExecutionEnvironment env, String uidPrefix, StreamSource<T> source,
            String name) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), uidPrefix + name).uid(uidPrefix + Uids.SOURCE)
                .name(uidPrefix + name);
    }

    private static DataStream<OutputFile> deadLetters(String uidPrefix, DataStream<DeadLetter> letters) {
        return letters.flatMap(new ResultOutputs.DeadLetters()).returns(OUTPUT).uid(uidPrefix + Uids.DEAD_LETTER_OUTPUTS)
                .name(uidPrefix + "dead-letter-outputs");
    }
}
