package dev.engram.connectors.source.digits;

import dev.engram.connectors.source.reader.RatePacer;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.tta.data.DigitCamera;
import dev.engram.tta.data.DigitRenderer;

/**
 * A synthetic digit camera ({@link DigitCamera}): batch {@code b} holds shots {@code b*batch ..
 * (b+1)*batch-1}, labelled, with the weather of its first shot as the batch's condition. Every batch
 * is a pure function of its index, so a restore seeks straight to its position. Parameters:
 * {@code seed}, {@code severity}, {@code batch}, {@code spell} (shots per weather spell), {@code fps}
 * (batches per second; 0 = as fast as the job takes them) and {@code faces}: the renderer fingerprint
 * the source model was trained on ({@code strokes-…} selects the built-in stroke glyphs).
 *
 * <p>Failure behaviour: a machine whose fonts render other faces than {@code faces} (a TaskManager
 * set up differently from the client that trained the model) ends the stream with one dead letter
 * saying so, instead of feeding the model digits it never saw.
 */
final class SyntheticDigitsCursor implements SplitCursor<DigitBatch> {
    private final StreamSplit split;
    private final DigitCamera camera;
    private final String mismatch;
    private final int batch;
    private final RatePacer pacer;
    private long position;
    private boolean reported;

    SyntheticDigitsCursor(StreamSplit split) {
        this.split = split;
        String faces = split.parameter("faces", "");
        DigitRenderer renderer = faces.startsWith("strokes-") ? DigitRenderer.strokeGlyphs() : DigitRenderer.systemFonts();
        this.mismatch = faces.isEmpty() || faces.equals(renderer.fingerprint()) ? null
                : "this machine renders digits with faces " + renderer.fingerprint() + " " + renderer.faceNames()
                        + " but the model was trained on " + faces + "; give every TaskManager the client's fonts";
        this.batch = Integer.parseInt(split.parameter("batch", "64"));
        this.camera = new DigitCamera(renderer, Long.parseLong(split.parameter("seed", "42")),
                Integer.parseInt(split.parameter("severity", "3")), Long.parseLong(split.parameter("spell", "640")));
        this.position = split.position();
        this.pacer = new RatePacer(Double.parseDouble(split.parameter("fps", "0")), position);
    }

    @Override
    public long nanosUntilNext() {
        return pacer.nanosUntil(position);
    }

    @Override
    public InputRecord<DigitBatch> next() {
        if (mismatch != null) {
            if (reported) return null;
            reported = true;
            position++;
            return InputRecord.dead(new DeadLetter(split.streamId(), 0, split.location(), mismatch).at("source"));
        }
        long b = position++;
        float[] px = new float[batch * 784];
        int[] labels = new int[batch];
        String condition = null;
        for (int i = 0; i < batch; i++) {
            DigitCamera.Shot shot = camera.shot(b * batch + i);
            System.arraycopy(shot.pixels(), 0, px, i * 784, 784);
            labels[i] = shot.label();
            if (i == 0) condition = shot.weather().id();
        }
        DigitBatch out = new DigitBatch(split.streamId(), b, batch, px, labels);
        out.condition = condition;
        out.origin = "synthetic digit camera " + split.streamId() + " batch " + b;
        return InputRecord.of(split.streamId(), out);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
