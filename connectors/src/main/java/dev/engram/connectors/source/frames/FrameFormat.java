package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.reader.SplitFormat;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.LabeledFrame;
import java.io.IOException;

/** Opens frame streams: videos, DAVIS-layout sequences, looped sequences, synthetic and live cameras. */
public final class FrameFormat implements SplitFormat<LabeledFrame> {
    private static final long serialVersionUID = 1L;

    @Override
    public SplitCursor<LabeledFrame> open(StreamSplit split) throws IOException {
        return switch (split.kind()) {
            case VIDEO -> new VideoCursor(split);
            case IMAGE_SEQUENCE -> new ImageSequenceCursor(split);
            case SYNTHETIC_CAMERA -> new SyntheticCameraCursor(split);
            case LOOPED_SEQUENCE -> new LoopedSequenceCursor(split);
            case CAMERA -> new dev.engram.connectors.source.camera.CameraCursor(split);
            case SYNTHETIC_DRIFT -> new DriftingSceneCursor(split);
            default -> throw new IllegalArgumentException("a frame source cannot read " + split.kind() + " " + split.location());
        };
    }
}
