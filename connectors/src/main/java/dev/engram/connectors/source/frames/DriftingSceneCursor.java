package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.DriftingScene;

/**
 * The drifting synthetic scene ({@link DriftingScene}) with exact ground truth on every frame. Record
 * positions are frame indices, starting at the split's {@code start} parameter (annotated there); every
 * frame is a pure function of its index, so a restore seeks straight to its position. Parameters:
 * {@code seed}, {@code width}, {@code height}, {@code start}.
 */
final class DriftingSceneCursor implements SplitCursor<LabeledFrame> {
    private final StreamSplit split;
    private final DriftingScene scene;
    private long position;

    DriftingSceneCursor(StreamSplit split) {
        this.split = split;
        this.scene = new DriftingScene(Long.parseLong(split.parameter("seed", "42")),
                Integer.parseInt(split.parameter("width", "320")), Integer.parseInt(split.parameter("height", "180")),
                Long.parseLong(split.parameter("start", "0")));
        this.position = split.position();
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        long index = position++;
        Frame frame = scene.frame(index);
        frame.streamId = split.streamId();
        return InputRecord.of(split.streamId(), new LabeledFrame(frame, scene.groundTruth(index)));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
