package dev.engram.jobs;

import dev.engram.connectors.sink.ResultOutputs;
import dev.engram.connectors.sink.file.FileOutputSink;
import dev.engram.connectors.sink.file.OutputFile;
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
import dev.engram.operators.tta.AdaptedBatch;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.operators.tta.TtaFunction;
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
        public static final String VISION_SOURCE = "vision-source";
        public static final String AUDIO_SOURCE = "audio-source";
        public static final String ZERO_SHOT = "zero-shot-reservoirs";
        public static final String TTA = "tta-adapt";
        public static final String RESULT_OUTPUTS = "result-outputs";
        public static final String SUMMARY_OUTPUTS = "summary-outputs";
        public static final String DEAD_LETTER_OUTPUTS = "dead-letter-outputs";
        public static final String FILE_SINK = "file-sink";

        private Uids() {}
    }

    /**
     * VOS: frames → segmentation → scoring → masks, per-frame lines, summaries (every
     * {@code summaryEvery} frames and at each stream's end) and dead letters under {@code outputRoot}.
     */
    public static void vos(StreamExecutionEnvironment env, StreamSource<LabeledFrame> source, SegmentationFunction function,
            FrameScoring scoring, int summaryEvery, String outputRoot) {
        DataStream<InputRecord<LabeledFrame>> frames = source(env, source, "frames");
        SingleOutputStreamOperator<SegmentedFrame> segmented = frames.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(SegmentedFrame.class).uid(Uids.SEGMENT).name("segment");
        SingleOutputStreamOperator<SegmentedFrame> scored = segmented.map(scoring).returns(SegmentedFrame.class)
                .uid(Uids.SCORE).name("score");
        DataStream<StreamSummary> summaries = scored.keyBy(f -> f.streamId, Types.STRING)
                .process(new StreamSummaryFunction(summaryEvery)).returns(StreamSummary.class).uid(Uids.SUMMARY).name("summary");
        DataStream<OutputFile> results = scored.flatMap(new ResultOutputs.Frames()).returns(OUTPUT)
                .uid(Uids.RESULT_OUTPUTS).name("frame-outputs");
        DataStream<OutputFile> summaryFiles = summaries.flatMap(new ResultOutputs.Summaries()).returns(OUTPUT)
                .uid(Uids.SUMMARY_OUTPUTS).name("summary-outputs");
        write(results.union(summaryFiles, deadLetters(segmented.getSideOutput(DeadLetters.TAG))), outputRoot);
    }

    /** Events: recordings or emulated cameras → reservoir (and readout) → {@code events/<stream>.jsonl} and dead letters. */
    public static void events(StreamExecutionEnvironment env, StreamSource<EventChunk> source, EventReservoirFunction function,
            String outputRoot) {
        DataStream<InputRecord<EventChunk>> chunks = source(env, source, "event-streams");
        SingleOutputStreamOperator<EventResult> results = chunks.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(Uids.LSM).name("lsm-reservoir");
        DataStream<OutputFile> lines = results.flatMap(new ResultOutputs.Events()).returns(OUTPUT)
                .uid(Uids.RESULT_OUTPUTS).name("event-outputs");
        write(lines.union(deadLetters(results.getSideOutput(DeadLetters.TAG))), outputRoot);
    }

    /**
     * Multimodal: vision and audio recordings (two sources, stream ids {@code vision/…} and
     * {@code audio/…}) → keyBy(stream) → each stream through its modality's reservoir and projection
     * head ({@link EventReservoirFunction#zeroShot}) → {@code events/<stream>.jsonl} with the shared
     * embedding, the zero-shot prediction and its scores, and dead letters.
     */
    public static void multimodal(StreamExecutionEnvironment env, StreamSource<EventChunk> vision, StreamSource<EventChunk> audio,
            EventReservoirFunction function, String outputRoot) {
        DataStream<InputRecord<EventChunk>> v = env.fromSource(vision, WatermarkStrategy.noWatermarks(), "vision-streams")
                .uid(Uids.VISION_SOURCE).name("vision-streams");
        DataStream<InputRecord<EventChunk>> a = env.fromSource(audio, WatermarkStrategy.noWatermarks(), "audio-streams")
                .uid(Uids.AUDIO_SOURCE).name("audio-streams");
        SingleOutputStreamOperator<EventResult> results = v.union(a).keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(EventResult.class).uid(Uids.ZERO_SHOT).name("zero-shot-reservoirs");
        DataStream<OutputFile> lines = results.flatMap(new ResultOutputs.Events()).returns(OUTPUT)
                .uid(Uids.RESULT_OUTPUTS).name("event-outputs");
        write(lines.union(deadLetters(results.getSideOutput(DeadLetters.TAG))), outputRoot);
    }

    /** TTA: digit batches → adapted classifier → {@code tta/<stream>.jsonl} and dead letters. */
    public static void tta(StreamExecutionEnvironment env, StreamSource<DigitBatch> source, TtaFunction function,
            String outputRoot) {
        DataStream<InputRecord<DigitBatch>> batches = source(env, source, "digit-streams");
        SingleOutputStreamOperator<AdaptedBatch> adapted = batches.keyBy(InputRecord::streamId, Types.STRING)
                .process(function).returns(AdaptedBatch.class).uid(Uids.TTA).name("tta-adapt");
        DataStream<OutputFile> lines = adapted.flatMap(new ResultOutputs.Tta()).returns(OUTPUT)
                .uid(Uids.RESULT_OUTPUTS).name("tta-outputs");
        write(lines.union(deadLetters(adapted.getSideOutput(DeadLetters.TAG))), outputRoot);
    }

    private static <T> DataStream<InputRecord<T>> source(StreamExecutionEnvironment env, StreamSource<T> source, String name) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(Uids.SOURCE).name(name);
    }

    private static DataStream<OutputFile> deadLetters(DataStream<DeadLetter> letters) {
        return letters.flatMap(new ResultOutputs.DeadLetters()).returns(OUTPUT).uid(Uids.DEAD_LETTER_OUTPUTS).name("dead-letter-outputs");
    }

    private static void write(DataStream<OutputFile> outputs, String root) {
        outputs.sinkTo(FileOutputSink.to(root)).uid(Uids.FILE_SINK).name("file-sink");
    }
}
