package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * A seeded synthetic camera ({@link SyntheticCamera}) with exact ground truth on every frame. Every
 * frame is a pure function of its index, so a restore seeks straight to its position. Parameters:
 * {@code seed}, {@code width}, {@code height}, {@code objects}, and {@code fps} (frames per second the
 * camera delivers, like a live one; 0 = as fast as the job takes them).
 */
final class SyntheticCameraCursor implements SplitCursor<LabeledFrame> {
    private final StreamSplit split;
    private final SyntheticCamera camera;
    private final double fps;
    private final long startNanos;
    private final long startPosition;
    private long position;

    SyntheticCameraCursor(StreamSplit split) {
        this.split = split;
        this.camera = new SyntheticCamera(Long.parseLong(split.parameter("seed", "42")),
                Integer.parseInt(split.parameter("width", "480")), Integer.parseInt(split.parameter("height", "270")),
                Integer.parseInt(split.parameter("objects", "2")));
        this.fps = Double.parseDouble(split.parameter("fps", "0"));
        this.position = split.position();
        this.startPosition = position;
        this.startNanos = System.nanoTime();
    }

    @Override
    public long nanosUntilNext() {
        if (fps <= 0) return 0;
        long due = startNanos + (long) ((position - startPosition) * 1e9 / fps);
        return Math.max(0, due - System.nanoTime());
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        long index = position++;
        Frame frame = camera.frame(index);
        frame.streamId = split.streamId();
        frame.origin = "synthetic camera " + split.streamId() + " frame " + index;
        return InputRecord.of(split.streamId(), new LabeledFrame(frame, camera.groundTruth(index)));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
