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
 * its frame's, masks beyond {@link #MAX_PENDING} waiting at once, a frame of a stream that has had no
 * first mask yet (an unknown stream) and a frame whose size differs from its stream's first annotated
 * frame become dead letters (stage {@code annotate}) naming the frame, with the record's original
 * bytes and source coordinates where the source kept them ({@link FrameOrMask#provenance}); other
 * frames are never held back or dropped. Pending masks and each stream's frame size are
 * checkpointed, so a mask read before a checkpoint still reaches its frame after a restore.
 */
public final class AnnotationJoin extends KeyedProcessFunction<String, InputRecord<FrameOrMask>, InputRecord<LabeledFrame>> {
    private static final long serialVersionUID = 1L;
    /** Masks one stream may hold for frames that have not arrived yet. */
    public static final int MAX_PENDING = 64;

    private transient MapState<Long, Mask> pending;
    private transient ValueState<Long> lastFrame;
    /** Width and height of the stream's first annotated frame, once there was one. */
    private transient ValueState<int[]> size;

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-masks", Types.LONG, TypeInformation.of(Mask.class)));
        lastFrame = getRuntimeContext().getState(new ValueStateDescriptor<>("last-frame", Types.LONG));
        size = getRuntimeContext().getState(new ValueStateDescriptor<>("frame-size", org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
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
        if (frame == null) {
            out.collect(InputRecord.withProblem(stream, v.frame, in.deadLetter));
            return;
        }
        if (in.deadLetter != null) out.collect(InputRecord.dead(in.deadLetter));
        Mask waiting = pending.get(frame.index);
        if (waiting != null) {
            pending.remove(frame.index);
            if (waiting.width != frame.width || waiting.height != frame.height) {
                out.collect(InputRecord.dead(new DeadLetter(stream, frame.index, frame.origin, "mask for frame " + frame.index + " is "
                        + waiting.width + "x" + waiting.height + " but the frame is " + frame.width + "x" + frame.height).at("annotate")));
            } else {
                frame.annotation = overlay(frame.annotation, waiting);
            }
        }
        int[] wh = size.value();
        if (wh == null && frame.annotation == null) {
            out.collect(InputRecord.dead(refused(v, stream, frame, "frame " + frame.index + " of unknown stream " + stream
                    + ": no first mask yet (send a MASK record for the frame that starts it)")));
            return;
        }
        if (wh != null && (wh[0] != frame.width || wh[1] != frame.height)) {
            out.collect(InputRecord.dead(refused(v, stream, frame, "frame " + frame.index + " is " + frame.width + "x" + frame.height
                    + " but stream " + stream + " is " + wh[0] + "x" + wh[1])));
            return;
        }
        if (wh == null) size.update(new int[] {frame.width, frame.height});
        lastFrame.update(frame.index);
        out.collect(InputRecord.of(stream, v.frame));
    }

    /** A dead letter for a refused frame: its provenance (original bytes, coordinates) with the reason. */
    private static DeadLetter refused(FrameOrMask v, String stream, Frame frame, String reason) {
        DeadLetter d = v.provenance != null ? v.provenance : new DeadLetter(stream, frame.index, frame.origin, null);
        d.streamId = stream;
        d.index = frame.index;
        d.reason = reason;
        return d.at("annotate");
    }

    private void acceptMask(String stream, FrameOrMask v, Collector<InputRecord<LabeledFrame>> out) throws Exception {
        Long last = lastFrame.value();
        if (last != null && v.maskFrame <= last) {
            out.collect(InputRecord.dead(refusedMask(v, stream, "mask for frame " + v.maskFrame + " of stream " + stream
                    + " arrived after that frame (latest frame " + last + "); send a mask before its frame")));
            return;
        }
        if (!pending.contains(v.maskFrame) && pendingCount() >= MAX_PENDING) {
            out.collect(InputRecord.dead(refusedMask(v, stream, "mask for frame " + v.maskFrame + " of stream " + stream
                    + ": " + MAX_PENDING + " masks already wait for frames that have not arrived")));
            return;
        }
        int[] wh = size.value();
        if (wh != null && (wh[0] != v.mask.width || wh[1] != v.mask.height)) {
            out.collect(InputRecord.dead(refusedMask(v, stream, "mask for frame " + v.maskFrame + " is " + v.mask.width + "x" + v.mask.height
                    + " but stream " + stream + " is " + wh[0] + "x" + wh[1])));
            return;
        }
        Mask earlier = pending.get(v.maskFrame);
        pending.put(v.maskFrame, earlier == null ? v.mask : overlay(earlier, v.mask));
    }

    private static DeadLetter refusedMask(FrameOrMask v, String stream, String reason) {
        DeadLetter d = v.provenance != null ? v.provenance : new DeadLetter(stream, v.maskFrame, null, null);
        d.streamId = stream;
        d.index = v.maskFrame;
        d.reason = reason;
        return d.at("annotate");
    }

    private int pendingCount() throws Exception {
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
