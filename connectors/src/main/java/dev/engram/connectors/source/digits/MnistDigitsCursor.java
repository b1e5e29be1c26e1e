package dev.engram.connectors.source.digits;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.tta.DigitBatch;
import dev.engram.tta.data.Corruption;
import dev.engram.tta.data.MnistDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A camera that keeps showing MNIST digits through changing weather: the continual test-time
 * adaptation protocol. The digits of an IDX folder (split parameter {@code split}, default
 * {@code test}; the first {@code digits} of them, 0 = all) pass through every corruption in order at
 * {@code severity}, {@code cycles} times, in batches of {@code batch}, with their labels. Batch
 * {@code b} is a pure function of {@code b} (corruptions are seeded per digit), so a restore seeks
 * straight to its position.
 *
 * <p>Failure behaviour: IDX files that cannot be read end the stream with one dead letter naming
 * the folder and its reason.
 */
final class MnistDigitsCursor implements SplitCursor<DigitBatch> {
    private static final Corruption[] SCHEDULE = Corruption.values();

    private final StreamSplit split;
    private final MnistDigits digits;
    private final IOException unreadable;
    private final int batch, severity, cycles;
    private final long seed;
    private final long batchesPerCorruption;
    private long position;
    private boolean reported;

    MnistDigitsCursor(StreamSplit split) {
        this.split = split;
        this.batch = Integer.parseInt(split.parameter("batch", "64"));
        this.severity = Integer.parseInt(split.parameter("severity", "5"));
        this.cycles = Integer.parseInt(split.parameter("cycles", "1"));
        this.seed = Long.parseLong(split.parameter("seed", "42"));
        int n = Integer.parseInt(split.parameter("digits", "0"));
        MnistDigits read = null;
        IOException failure = null;
        try {
            read = MnistDigits.read(Path.of(split.location()), split.parameter("split", "test"));
            if (n > 0 && n < read.size()) read = read.head(n);
        } catch (IOException e) {
            failure = e;
        }
        this.digits = read;
        this.unreadable = failure;
        this.batchesPerCorruption = read == null ? 0 : (read.size() + batch - 1) / batch;
        this.position = split.position();
    }

    @Override
    public InputRecord<DigitBatch> next() throws IOException {
        if (digits == null) {
            if (reported) return null;
            reported = true;
            position++;
            DeadLetter d = new DeadLetter(split.streamId(), 0, split.location(), split.location()
                    + ": cannot read MNIST IDX files: " + unreadable.getMessage()).at("source");
            Path images = Path.of(split.location(), split.parameter("split", "test") + "-images-idx3-ubyte");
            if (Files.isRegularFile(images)) d.withBytes(Files.readAllBytes(images), 0);
            return InputRecord.dead(d);
        }
        long total = batchesPerCorruption * SCHEDULE.length * cycles;
        if (position >= total) return null;
        long b = position++;
        Corruption c = SCHEDULE[(int) ((b / batchesPerCorruption) % SCHEDULE.length)];
        int start = (int) ((b % batchesPerCorruption) * batch);
        int count = Math.min(batch, digits.size() - start);
        int pixels = digits.width() * digits.height();
        float[] px = new float[count * pixels];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            float[] img = c.apply(digits.images()[start + i], digits.width(), digits.height(), severity, seed, start + i);
            System.arraycopy(img, 0, px, i * pixels, pixels);
            labels[i] = digits.labels()[start + i];
        }
        DigitBatch out = new DigitBatch(split.streamId(), b, count, px, labels);
        out.condition = c.id() + "@" + severity;
        out.origin = split.location();
        return InputRecord.of(split.streamId(), out);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
