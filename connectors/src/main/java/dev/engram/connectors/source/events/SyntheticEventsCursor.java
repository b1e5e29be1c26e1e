package dev.engram.connectors.source.events;

import dev.engram.connectors.source.reader.RatePacer;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import dev.engram.snn.emulator.EmulatorOptions;
import dev.engram.snn.emulator.EventEmulator;
import dev.engram.snn.events.EventBatch;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;

/**
 * An event camera emulated from a seeded synthetic camera: each camera frame goes through the
 * video-to-events emulator ({@link EventEmulator}) and its events are one chunk (record {@code i} =
 * frame {@code i}, 40 ms apart; the first frame only sets the reference and emits none). The emulator
 * keeps per-pixel state, so a restored cursor replays the frames before its position without
 * emitting. Parameters: {@code seed}, {@code width}, {@code height}, {@code objects}, {@code fps}
 * (0 = as fast as the job takes them).
 */
final class SyntheticEventsCursor implements SplitCursor<EventChunk> {
    private static final long FRAME_US = SyntheticCamera.DEFAULT_PERIOD_MS * 1000;

    private final StreamSplit split;
    private final SyntheticCamera camera;
    private final EventEmulator emulator;
    private final EventBatch batch;
    private final RatePacer pacer;
    private long position;

    SyntheticEventsCursor(StreamSplit split) {
        this.split = split;
        long seed = Long.parseLong(split.parameter("seed", "42"));
        int w = Integer.parseInt(split.parameter("width", "128")), h = Integer.parseInt(split.parameter("height", "96"));
        this.camera = new SyntheticCamera(seed, w, h, Integer.parseInt(split.parameter("objects", "2")));
        this.emulator = new EventEmulator(w, h, EmulatorOptions.defaults().with(EmulatorOptions.SEED, seed));
        this.batch = new EventBatch(Math.max(16, w * h * 2));
        for (long i = 0; i < split.position(); i++) emulate(i);
        this.position = split.position();
        this.pacer = new RatePacer(Double.parseDouble(split.parameter("fps", "0")), position);
    }

    private void emulate(long index) {
        batch.clear();
        Frame f = camera.frame(index);
        emulator.accept(f.rgb, 3, index * FRAME_US, (x, y, on, t) -> {
            if (batch.size() < batch.capacity()) batch.add(x, y, on, t);
        });
    }

    @Override
    public long nanosUntilNext() {
        return pacer.nanosUntil(position);
    }

    @Override
    public InputRecord<EventChunk> next() {
        long index = position++;
        emulate(index);
        EventChunk c = EventChunk.of(split.streamId(), "synthetic event camera " + split.streamId(), index,
                camera.width(), camera.height(), batch.x(), batch.y(), batch.polarity(), batch.tUs(), batch.size());
        return InputRecord.of(split.streamId(), c);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
