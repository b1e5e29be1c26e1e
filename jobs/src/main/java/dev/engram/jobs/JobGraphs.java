package dev.engram.jobs;

import dev.engram.connectors.source.StreamSource;
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
import dev.engram.operators.tta.AdaptedBatch;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.operators.tta.TtaFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
 */
public final class JobGraphs {
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

        private Uids() {}
    }

    /** {@link #vos(StreamExecutionEnvironment, JobInput, SegmentationFunction, FrameScoring, int, JobOutputs)} into files under {@code outputRoot}. */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot) {
        vos(env, JobInput.of(source, "frames"), function, scoring, summaryEvery, JobOutputs.files(outputRoot));
    }

    /**
     * VOS: frames → segmentation → scoring → masks, per-frame results, summaries (every
     * {@code summaryEvery} frames and at each stream's end) and dead letters.
     */
    public static void vos(StreamExecutionEnvironment env, JobInput<LabeledFrame> input, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, JobOutputs outputs) {
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
        SingleOutputStreamOperator<EventResult> results = input.stream(env).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(Uids.LSM).name("lsm-reservoir");
        outputs.events(results, results.getSideOutput(DeadLetters.TAG));
    }

    /** {@link #tta(StreamExecutionEnvironment, JobInput, TtaFunction, JobOutputs)} into files under {@code outputRoot}. */
    public static void tta(StreamExecutionEnvironment env, StreamSource<DigitBatch> source, TtaFunction function,
            String outputRoot) {
        tta(env, JobInput.of(source, "digit-streams"), function, JobOutputs.files(outputRoot));
    }

    /** TTA: digit batches → adapted classifier → one result per batch, and dead letters. */
    public static void tta(StreamExecutionEnvironment env, JobInput<DigitBatch> input, TtaFunction function, JobOutputs outputs) {
        SingleOutputStreamOperator<AdaptedBatch> adapted = input.stream(env).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(AdaptedBatch.class).uid(Uids.TTA).name("tta-adapt");
        outputs.tta(adapted, adapted.getSideOutput(DeadLetters.TAG));
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
