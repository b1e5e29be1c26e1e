package dev.engram.operators;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps a {@link StreamTally} per stream (key = {@code streamId}) in keyed state and emits the
 * stream's {@link StreamSummary} every {@code everyFrames} frames (for progress) and once more,
 * with {@code complete = true}, on the stream's end-of-stream marker, after which its tally is
 * cleared (a stream that never ends never completes). The marker is passed on as a summary only.
 */
public class StreamSummaryFunction extends KeyedProcessFunction<String, SegmentedFrame, StreamSummary> {
    private static final long serialVersionUID = 1L;

    private final int everyFrames;
    private transient ValueState<StreamTally> tallyState;

    public StreamSummaryFunction(int everyFrames) {
        if (everyFrames < 1) throw new IllegalArgumentException("everyFrames must be at least 1, got " + everyFrames);
        this.everyFrames = everyFrames;
    }

    @Override
    public void open(OpenContext openContext) {
        tallyState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("tally", TypeInformation.of(StreamTally.class)));
    }

    @Override
    public void processElement(SegmentedFrame frame, Context ctx, Collector<StreamSummary> out) throws Exception {
        StreamTally tally = tallyState.value();
        if (frame.endOfStream) {
            if (tally != null) out.collect(tally.summary(ctx.getCurrentKey(), true));
            tallyState.clear();
            return;
        }
        if (tally == null) tally = new StreamTally();
        tally.add(frame, System.currentTimeMillis());
        tallyState.update(tally);
        if (tally.frames % everyFrames == 0) out.collect(tally.summary(ctx.getCurrentKey(), false));
    }
}
