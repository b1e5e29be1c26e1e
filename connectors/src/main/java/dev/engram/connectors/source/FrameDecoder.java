package dev.engram.connectors.source;

import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.ImageFiles;
import dev.engram.vos.io.MaskFiles;
import java.nio.file.Path;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes {@link FrameRef}s into {@link LabeledFrame}s (key = stream id, so a stream's order is kept
 * whatever the parallelism). The annotation mask is attached to the frame; a later mask becomes the
 * frame's ground truth.
 *
 * <p>Failure behaviour: an unreadable or corrupt image, or an unusable annotation mask, sends a
 * {@link DeadLetter} naming the file to {@link DeadLetters#TAG} and drops the frame. An unusable
 * ground-truth mask (e.g. wrong size) sends a dead letter naming the mask and the frame continues
 * unscored. The job never fails on file content.
 */
public class FrameDecoder extends KeyedProcessFunction<String, FrameRef, LabeledFrame> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(FrameRef ref, Context ctx, Collector<LabeledFrame> out) {
        Frame frame;
        try {
            frame = ImageFiles.readFrame(Path.of(ref.framePath), ref.streamId, ref.index);
        } catch (RuntimeException e) {
            ctx.output(DeadLetters.TAG, new DeadLetter(ref.streamId, ref.index, ref.framePath, message(e)));
            return;
        }
        frame.timestampMs = ref.index * 40;
        Mask mask = null;
        if (ref.maskPath != null) {
            try {
                mask = MaskFiles.read(Path.of(ref.maskPath), frame.width, frame.height);
            } catch (RuntimeException e) {
                if (ref.annotate) {
                    ctx.output(DeadLetters.TAG, new DeadLetter(ref.streamId, ref.index, ref.maskPath,
                            "annotation unusable, frame dropped: " + message(e)));
                    return;
                }
                ctx.output(DeadLetters.TAG, new DeadLetter(ref.streamId, ref.index, ref.maskPath,
                        "ground truth unusable, frame segmented without scoring: " + message(e)));
            }
        }
        if (ref.annotate) frame.withAnnotation(mask);
        out.collect(new LabeledFrame(frame, mask));
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
