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
import dev.engram.operators.SourceHealth;
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
 * benchmarks and a cluster. Each is input → keyBy(stream) → learner operator → encoders → an
 * exactly-once sink (files or Kafka, {@link JobOutputs}), with dead letters of every step written
 * beside the results. Every operator has a stable uid (savepoints map state by uid: never rename
 * one) and a name.
 *
 * <p>A {@link Pipeline} is one such chain into files, without its sink, so several can share one job
 * (the demo runs VOS, events and TTA side by side, each under its own uid prefix) and one file sink.
 * Previews, when a {@link PreviewTarget} asks for them, leave the learners as a side output and go to
 * the dashboard of this process or to a folder; they never pass through the exactly-once sink.
 */
public final class JobGraphs {
    private static final TypeInformation<OutputFile> OUTPUT = TypeInformation.of(OutputFile.class);

    private JobGraphs() {}

    /** The stable operator uids, shared by all jobs where they mean the same step. */
    public static final class Uids {
        public static final String SOURCE = "source";
        public static final String ANNOTATE = "annotate";
        public static final String SEGMENT = "segment";
        public static final String SCORE = "score";
        public static final String SUMMARY = "summary";
        public static final String LSM = "lsm-reservoir";
        public static final String VISION_SOURCE = "vision-source";
        public static final String AUDIO_SOURCE = "audio-source";
        public static final String ZERO_SHOT = "zero-shot-reservoirs";
        public static final String TTA = "tta-adapt";
        public static final String RESULT_OUTPUTS = "result-outputs";
        public static final String SUMMARY_OUTPUTS = "summary-outputs";
        public static final String DEAD_LETTER_OUTPUTS = "dead-letter-outputs";
        public static final String FILE_SINK = "file-sink";
        public static final String RESULT_RECORDS = "result-records";
        public static final String SUMMARY_RECORDS = "summary-records";
        public static final String DEAD_LETTER_RECORDS = "dead-letter-records";
        public static final String KAFKA_SINK = "kafka-sink";
        public static final String HEALTH = "source-health";
        public static final String FRAMES_ONLY = "frames-only";
        public static final String HEALTH_OUTPUTS = "health-outputs";
        public static final String HEALTH_RECORDS = "health-records";
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


    /** {@link #vos(StreamExecutionEnvironment, JobInput, SegmentationFunction, FrameScoring, int, JobOutputs)} into files under {@code outputRoot}. */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot) {
        vos(env, JobInput.of(source, "frames"), function, scoring, summaryEvery, JobOutputs.files(outputRoot));
    }

    /** VOS into files under {@code outputRoot}, with previews to {@code previews} (null: none). */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot, PreviewTarget previews) {
        vos(env, JobInput.of(source, "frames"), function, scoring, summaryEvery, JobOutputs.files(outputRoot), previews);
    }

    /**
     * VOS: frames → segmentation → scoring → masks, per-frame results, summaries (every
     * {@code summaryEvery} frames and at each stream's end) and dead letters.
     */
    public static void vos(StreamExecutionEnvironment env, JobInput<LabeledFrame> input, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, JobOutputs outputs) {
        vos(env, input, function, scoring, summaryEvery, outputs, null);
    }

    /** VOS with previews to {@code previews} (null: none). */
    public static void vos(StreamExecutionEnvironment env, JobInput<LabeledFrame> input, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, JobOutputs outputs, PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        DataStream<InputRecord<LabeledFrame>> frames = input.stream(env);
        DataStream<SourceHealth> health = null;
        if (input.reportsHealth()) {
            // live sources' health reports travel with the frames from the source; they go to the outputs, not the learner
            DataStream<InputRecord<LabeledFrame>> all = frames;
            health = all.flatMap(new HealthReports()).returns(SourceHealth.class).uid(Uids.HEALTH).name("source-health");
            frames = all.filter(r -> r.health == null).returns(all.getType()).uid(Uids.FRAMES_ONLY).name("frames-only");
        }
        SingleOutputStreamOperator<SegmentedFrame> segmented = frames.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(SegmentedFrame.class).uid(Uids.SEGMENT).name("segment");
        SingleOutputStreamOperator<SegmentedFrame> scored = segmented.map(scoring).returns(SegmentedFrame.class)
                .uid(Uids.SCORE).name("score");
        DataStream<StreamSummary> summaries = scored.keyBy(f -> f.streamId, Types.STRING)
                .process(new StreamSummaryFunction(summaryEvery)).returns(StreamSummary.class).uid(Uids.SUMMARY).name("summary");
        outputs.vos(scored, summaries, health, segmented.getSideOutput(DeadLetters.TAG));
        previewSink(segmented.getSideOutput(Previews.TAG), previews);
    }

    /** {@link #events(StreamExecutionEnvironment, JobInput, EventReservoirFunction, JobOutputs)} into files under {@code outputRoot}. */
    public static void events(StreamExecutionEnvironment env, StreamSource<EventChunk> source, EventReservoirFunction function,
            String outputRoot) {
        events(env, JobInput.of(source, "event-streams"), function, JobOutputs.files(outputRoot));
    }

    /** {@link #multimodal(StreamExecutionEnvironment, StreamSource, StreamSource, EventReservoirFunction, JobOutputs)} into files under {@code outputRoot}. */
    public static void multimodal(StreamExecutionEnvironment env, StreamSource<EventChunk> vision, StreamSource<EventChunk> audio,
            EventReservoirFunction function, String outputRoot) {
        multimodal(env, vision, audio, function, JobOutputs.files(outputRoot));
    }

    /**
     * Multimodal: vision and audio recordings (two sources, stream ids {@code vision/…} and
     * {@code audio/…}) → keyBy(stream) → each stream through its modality's reservoir and projection
     * head ({@link EventReservoirFunction#zeroShot}) → one result per sample with the shared embedding,
     * the zero-shot prediction and its scores, and dead letters, into files or Kafka as {@code events} writes them.
     */
    public static void multimodal(StreamExecutionEnvironment env, StreamSource<EventChunk> vision, StreamSource<EventChunk> audio,
            EventReservoirFunction function, JobOutputs outputs) {
        DataStream<InputRecord<EventChunk>> v = env.fromSource(vision, WatermarkStrategy.noWatermarks(), "vision-streams")
                .uid(Uids.VISION_SOURCE).name("vision-streams");
        DataStream<InputRecord<EventChunk>> a = env.fromSource(audio, WatermarkStrategy.noWatermarks(), "audio-streams")
                .uid(Uids.AUDIO_SOURCE).name("audio-streams");
        SingleOutputStreamOperator<EventResult> results = v.union(a).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(Uids.ZERO_SHOT).name("zero-shot-reservoirs");
        outputs.events(results, results.getSideOutput(DeadLetters.TAG));
    }

    /** Events: recordings, emulated cameras or a topic → reservoir (and readout) → one result per sample or window, and dead letters. */
    public static void events(StreamExecutionEnvironment env, JobInput<EventChunk> input, EventReservoirFunction function,
            JobOutputs outputs) {
        events(env, input, function, outputs, null);
    }

    /** Events with previews to {@code previews} (null: none). */
    public static void events(StreamExecutionEnvironment env, JobInput<EventChunk> input, EventReservoirFunction function,
            JobOutputs outputs, PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        SingleOutputStreamOperator<EventResult> results = input.stream(env).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(Uids.LSM).name("lsm-reservoir");
        outputs.events(results, results.getSideOutput(DeadLetters.TAG));
        previewSink(results.getSideOutput(Previews.TAG), previews);
    }

    /** {@link #tta(StreamExecutionEnvironment, JobInput, TtaFunction, JobOutputs)} into files under {@code outputRoot}. */
    public static void tta(StreamExecutionEnvironment env, StreamSource<DigitBatch> source, TtaFunction function,
            String outputRoot) {
        tta(env, JobInput.of(source, "digit-streams"), function, JobOutputs.files(outputRoot));
    }

    /** TTA: digit batches → adapted classifier → one result per batch, and dead letters. */
    public static void tta(StreamExecutionEnvironment env, JobInput<DigitBatch> input, TtaFunction function, JobOutputs outputs) {
        tta(env, input, function, outputs, null);
    }

    /** TTA with previews to {@code previews} (null: none). */
    public static void tta(StreamExecutionEnvironment env, JobInput<DigitBatch> input, TtaFunction function, JobOutputs outputs,
            PreviewTarget previews) {
        if (previews != null) function.previews(previews.intervalMs());
        SingleOutputStreamOperator<AdaptedBatch> adapted = input.stream(env).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(AdaptedBatch.class).uid(Uids.TTA).name("tta-adapt");
        outputs.tta(adapted, adapted.getSideOutput(DeadLetters.TAG));
        previewSink(adapted.getSideOutput(Previews.TAG), previews);
    }

    /** The VOS chain with every uid prefixed by {@code uidPrefix} (the demo and the dashboard benchmark). */
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


    /** The events chain with every uid prefixed by {@code uidPrefix} (the demo and the dashboard benchmark). */
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


    /** The TTA chain with every uid prefixed by {@code uidPrefix} (the demo and the dashboard benchmark). */
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
        previewSink(pictures, previews);
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

    private static void previewSink(DataStream<Preview> pictures, PreviewTarget previews) {
        if (previews == null) return;
        if (previews.channel() != null) {
            pictures.sinkTo(new LivePreviewSink(previews.channel())).uid(Uids.PREVIEW_SINK).name("preview-sink");
        } else {
            pictures.sinkTo(PreviewFolderSink.to(previews.folder())).uid(Uids.PREVIEW_SINK).name("preview-sink");
        }
    }

    /** The health reports among a source's records. */
    static final class HealthReports implements org.apache.flink.api.common.functions.FlatMapFunction<InputRecord<LabeledFrame>, SourceHealth> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(InputRecord<LabeledFrame> r, org.apache.flink.util.Collector<SourceHealth> out) {
            if (r.health != null) out.collect(r.health);
        }
    }
}
