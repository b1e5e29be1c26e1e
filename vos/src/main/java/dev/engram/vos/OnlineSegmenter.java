package dev.engram.vos;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The default {@link Segmenter}. (Development stage: carries the last mask forward; the learning
 * pipeline replaces the body of {@link #segment}.)
 */
public final class OnlineSegmenter implements Segmenter {
    static final int STATE_VERSION = 1;

    private final VosOptions options;
    private Mask previous;
    private long framesSeen;

    public OnlineSegmenter(VosOptions options) {
        this.options = options;
    }

    public VosOptions options() {
        return options;
    }

    @Override
    public Mask segment(Frame frame) {
        frame.validate();
        if (frame.annotation != null) {
            previous = frame.annotation;
        } else if (previous == null) {
            throw new IllegalArgumentException(frame.describe() + ": no object annotated yet; the first frame of a stream needs a mask");
        } else if (previous.width != frame.width || previous.height != frame.height) {
            throw new IllegalArgumentException(frame.describe() + ": frame is " + frame.width + "x" + frame.height
                    + " but the stream started at " + previous.width + "x" + previous.height);
        }
        framesSeen++;
        return new Mask(previous.width, previous.height, previous.ids.clone());
    }

    @Override
    public long memoryBytes() {
        return 0;
    }

    @Override
    public long memoryBudgetBytes() {
        return options.get(VosOptions.MEMORY_BUDGET);
    }

    @Override
    public SegmenterStats stats() {
        return new SegmenterStats(framesSeen, previous == null ? 0 : previous.objectIds().length, 0, 0, 0, Double.NaN);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        options.write(out);
        out.writeLong(framesSeen);
        out.writeBoolean(previous != null);
        if (previous != null) {
            out.writeInt(previous.width);
            out.writeInt(previous.height);
            out.write(previous.ids);
        }
    }

    public static OnlineSegmenter readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) throw new IOException("unsupported segmenter state version " + version);
        OnlineSegmenter s = new OnlineSegmenter(VosOptions.read(in));
        s.framesSeen = in.readLong();
        if (in.readBoolean()) {
            int w = in.readInt(), h = in.readInt();
            byte[] ids = new byte[w * h];
            in.readFully(ids);
            s.previous = new Mask(w, h, ids);
        }
        return s;
    }
}
