package dev.engram.operators;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts masks that travel apart from their frames onto those frames, per stream (keyed by stream
 * id): a mask for frame {@code k} waits in keyed state until frame {@code k} arrives, then becomes
 * its annotation (overlaid on any annotation the frame already carries: the mask's objects win where
 * they are drawn). Frames pass through in order; nothing else is delayed.
 *
 * <p>Failure behaviour: a mask for a frame that has already passed, a mask whose size differs from
 * its frame's, and masks beyond {@link #MAX_PENDING} waiting at once become dead letters (stage
 * {@code annotate}) naming the frame; frames are never held back or dropped. Pending masks are
 * checkpointed, so a mask read before a checkpoint still reaches its frame after a restore.
 */
public final class AnnotationJoin extends KeyedProcessFunction<String, InputRecord<FrameOrMask>, InputRecord<LabeledFrame>> {
    private static final long serialVersionUID = 1L;
    /** Masks one stream may hold for frames that have not arrived yet. */
    public static final int MAX_PENDING = 64;

    private transient MapState<Long, Mask> pending;
    private transient ValueState<Long> lastFrame;

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-masks", Types.LONG, TypeInformation.of(Mask.class)));
        lastFrame = getRuntimeContext().getState(new ValueStateDescriptor<>("last-frame", Types.LONG));
    }

    @Override
    public void processElement(InputRecord<FrameOrMask> in, Context ctx, Collector<InputRecord<LabeledFrame>> out) throws Exception {
        String stream = in.streamId;
        if (in.endOfStream) {
            List<Long> waiting = new ArrayList<>();
            for (Long k : pending.keys()) waiting.add(k);
            for (long k : waiting) {
                out.collect(InputRecord.dead(new DeadLetter(stream, k, null,
                        "mask for frame " + k + " of stream " + stream + ": the stream ended before that frame").at("annotate")));
            }
            pending.clear();
            out.collect(InputRecord.end(stream));
            return;
        }
        FrameOrMask v = in.value;
        if (v == null) {
            out.collect(InputRecord.dead(in.deadLetter));
            return;
        }
        if (v.frame == null) {
            if (in.deadLetter != null) out.collect(InputRecord.dead(in.deadLetter));
            acceptMask(stream, v, out);
            return;
        }
        Frame frame = v.frame.frame;
        Mask waiting = frame == null ? null : pending.get(frame.index);
        if (waiting != null) {
            pending.remove(frame.index);
            if (waiting.width != frame.width || waiting.height != frame.height) {
                out.collect(InputRecord.dead(new DeadLetter(stream, frame.index, frame.origin, "mask for frame " + frame.index + " is "
                        + waiting.width + "x" + waiting.height + " but the frame is " + frame.width + "x" + frame.height).at("annotate")));
            } else {
                frame.annotation = overlay(frame.annotation, waiting);
            }
        }
        if (frame != null) lastFrame.update(frame.index);
        out.collect(InputRecord.withProblem(stream, v.frame, in.deadLetter));
    }

    private void acceptMask(String stream, FrameOrMask v, Collector<InputRecord<LabeledFrame>> out) throws Exception {
        Long last = lastFrame.value();
        if (last != null && v.maskFrame <= last) {
            out.collect(InputRecord.dead(new DeadLetter(stream, v.maskFrame, null, "mask for frame " + v.maskFrame + " of stream " + stream
                    + " arrived after that frame (latest frame " + last + "); send a mask before its frame").at("annotate")));
            return;
        }
        if (!pending.contains(v.maskFrame) && size() >= MAX_PENDING) {
            out.collect(InputRecord.dead(new DeadLetter(stream, v.maskFrame, null, "mask for frame " + v.maskFrame + " of stream " + stream
                    + ": " + MAX_PENDING + " masks already wait for frames that have not arrived").at("annotate")));
            return;
        }
        Mask earlier = pending.get(v.maskFrame);
        pending.put(v.maskFrame, earlier == null ? v.mask : overlay(earlier, v.mask));
    }

    private int size() throws Exception {
        int n = 0;
        for (Long ignored : pending.keys()) n++;
        return n;
    }

    /** {@code top}'s objects drawn over {@code base} (null base: {@code top} itself). */
    static Mask overlay(Mask base, Mask top) {
        if (base == null || base.width != top.width || base.height != top.height) return top;
        byte[] ids = base.ids.clone();
        for (int i = 0; i < ids.length; i++) if (top.ids[i] != 0) ids[i] = top.ids[i];
        return new Mask(top.width, top.height, ids);
    }
}
