package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.synthetic.LoopedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long stream made from a real DAVIS sequence played forward and backward ({@link LoopedSequence}),
 * with ground truth on every frame: the long-stream benchmark input. The sequence is decoded once when
 * the cursor opens (its frames stay in memory); record {@code i} is frame {@code i}, so a restore seeks
 * straight to its position. The split's limit is the stream's length.
 *
 * <p>Failure behaviour: a frame without ground truth or an unreadable file fails the cursor's
 * creation, naming the file (one dead letter, and the stream ends).
 */
final class LoopedSequenceCursor implements SplitCursor<LabeledFrame> {
    private final StreamSplit split;
    private final LoopedSequence looped;
    private long position;

    LoopedSequenceCursor(StreamSplit split) {
        this.split = split;
        DavisSequence s = DavisFolder.open(Path.of(split.location()), split.parameter("sequence", split.streamId()));
        List<Frame> frames = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.maskPath(i) == null) {
                throw new IllegalArgumentException(s.folder() + ": frame " + s.frames().get(i).getFileName()
                        + " has no ground-truth mask; a looped stream needs one for every frame");
            }
            Frame f = s.readFrame(i, split.streamId());
            frames.add(f);
            masks.add(s.readMask(i, f.width, f.height));
        }
        this.looped = new LoopedSequence(split.streamId(), frames, masks, 40);
        this.position = split.position();
    }

    /** The loop period of a sequence of {@code length} frames: forward and back, 2N - 2. */
    public static int period(int length) {
        return length <= 1 ? 1 : 2 * length - 2;
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        long i = position++;
        return InputRecord.of(split.streamId(), new LabeledFrame(looped.frame(i), looped.groundTruth(i)));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
