package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.RatePacer;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * A seeded synthetic camera ({@link SyntheticCamera}) with exact ground truth on every frame. Every
 * frame is a pure function of its index, so a restore seeks straight to its position. Parameters:
 * {@code seed}, {@code width}, {@code height}, {@code objects}, {@code fps} (frames per second the
 * camera delivers, like a live one; 0 = as fast as the job takes them) and {@code clock} ({@code wall}:
 * a frame's timestamp is the wall clock when it is emitted, a capture time for latency benchmarks;
 * otherwise {@code index * period}, so outputs repeat exactly).
 */
final class SyntheticCameraCursor implements SplitCursor<LabeledFrame> {
    private final StreamSplit split;
    private final SyntheticCamera camera;
    private final RatePacer pacer;
    private final boolean wallClock;
    private long position;

    SyntheticCameraCursor(StreamSplit split) {
        this.split = split;
        this.camera = new SyntheticCamera(Long.parseLong(split.parameter("seed", "42")),
                Integer.parseInt(split.parameter("width", "480")), Integer.parseInt(split.parameter("height", "270")),
                Integer.parseInt(split.parameter("objects", "2")));
        this.position = split.position();
        this.pacer = new RatePacer(Double.parseDouble(split.parameter("fps", "0")), position);
        this.wallClock = "wall".equals(split.parameter("clock", ""));
    }

    @Override
    public long nanosUntilNext() {
        return pacer.nanosUntil(position);
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        long index = position++;
        Frame frame = camera.frame(index);
        if (wallClock) frame.timestampMs = System.currentTimeMillis();
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
