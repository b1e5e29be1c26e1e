package dev.engram.jobs;

import dev.engram.connectors.sink.MaskPngSink;
import dev.engram.connectors.sink.OverlayVideoSink;
import dev.engram.connectors.sink.SummaryJsonSink;
import dev.engram.connectors.source.FrameDecoder;
import dev.engram.connectors.source.FrameRef;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.StreamSummaryFunction;
import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one job graph behind demo, eval and bench: frames → keyBy(stream) → {@link SegmentationFunction}
 * → optional sinks (mask PNGs, overlay videos, summary JSON) and per-stream {@link StreamSummary}s.
 * Dead letters of every step are unioned into {@link #deadLetters()}.
 */
public final class SegmentationJob {
    private final SingleOutputStreamOperator<SegmentedFrame> segmented;
    private final DataStream<DeadLetter> deadLetters;

    private SegmentationJob(SingleOutputStreamOperator<SegmentedFrame> segmented, DataStream<DeadLetter> deadLetters) {
        this.segmented = segmented;
        this.deadLetters = deadLetters;
    }

    /** Segments decoded frames. */
    public static SegmentationJob of(DataStream<LabeledFrame> frames, SegmentationFunction function) {
        SingleOutputStreamOperator<SegmentedFrame> segmented = frames.keyBy(LabeledFrame::streamId)
                .process(function).name("segment").uid("segment");
        return new SegmentationJob(segmented, segmented.getSideOutput(DeadLetters.TAG));
    }

    /** Decodes frame references (image folders) and segments them; decode failures become dead letters. */
    public static SegmentationJob ofReferences(DataStream<FrameRef> refs, SegmentationFunction function) {
        SingleOutputStreamOperator<LabeledFrame> decoded = refs.keyBy(r -> r.streamId).process(new FrameDecoder())
                .name("decode").uid("decode");
        SingleOutputStreamOperator<SegmentedFrame> segmented = DataStreamUtils
                .reinterpretAsKeyedStream(decoded, LabeledFrame::streamId).process(function).name("segment").uid("segment");
        return new SegmentationJob(segmented,
                decoded.getSideOutput(DeadLetters.TAG).union(segmented.getSideOutput(DeadLetters.TAG)));
    }

    public SingleOutputStreamOperator<SegmentedFrame> segmented() {
        return segmented;
    }

    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public SegmentationJob writeMasks(Path root) {
        segmented.sinkTo(new MaskPngSink(root)).name("mask-png");
        return this;
    }

    /** Needs a function with {@code keepPixels(true)}. */
    public SegmentationJob writeOverlays(Path root, double frameRate) {
        segmented.sinkTo(new OverlayVideoSink(root, frameRate, 0.5)).name("overlay-video");
        return this;
    }

    /** Per-stream summaries every {@code everyFrames} frames and at the end; also written as JSON when {@code root} is set. */
    public DataStream<StreamSummary> summaries(int everyFrames, Path root) {
        DataStream<StreamSummary> summaries = segmented.keyBy(f -> f.streamId)
                .process(new StreamSummaryFunction(everyFrames)).name("summary").uid("summary");
        if (root != null) summaries.sinkTo(new SummaryJsonSink(root)).name("summary-json");
        return summaries;
    }
}
