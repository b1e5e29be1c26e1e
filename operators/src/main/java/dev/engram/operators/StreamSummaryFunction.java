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
 * with {@code complete = true}, when the input ends (an event-time timer at the end of time, which
 * fires on the final watermark of a bounded input; an unbounded stream never completes).
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
        if (tally == null) {
            tally = new StreamTally();
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        tally.add(frame, System.currentTimeMillis());
        tallyState.update(tally);
        if (tally.frames % everyFrames == 0) out.collect(tally.summary(ctx.getCurrentKey(), false));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StreamSummary> out) throws Exception {
        StreamTally tally = tallyState.value();
        if (tally != null) out.collect(tally.summary(ctx.getCurrentKey(), true));
    }
}
