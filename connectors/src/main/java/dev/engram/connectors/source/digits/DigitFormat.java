package dev.engram.connectors.source.digits;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.reader.SplitFormat;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.tta.DigitBatch;

/** Opens digit streams for test-time adaptation: MNIST IDX folders under a corruption schedule, or synthetic digit cameras. */
public final class DigitFormat implements SplitFormat<DigitBatch> {
    private static final long serialVersionUID = 1L;

    @Override
    public SplitCursor<DigitBatch> open(StreamSplit split) {
        return switch (split.kind()) {
            case MNIST_DIGITS -> new MnistDigitsCursor(split);
            case SYNTHETIC_DIGITS -> new SyntheticDigitsCursor(split);
            default -> throw new IllegalArgumentException("a digit source cannot read " + split.kind() + " " + split.location());
        };
    }
}
