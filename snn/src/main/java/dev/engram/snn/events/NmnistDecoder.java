package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * N-MNIST / N-Caltech101 {@code .bin} and SLAYER {@code .bs2} "2D binary spikes": no header, 5 bytes
 * per event, big-endian bit fields: x (bits 39-32), y (31-24), polarity (bit 23, 1 = ON), timestamp in
 * µs (bits 22-0). The 23-bit clock wraps after 8.39 s; a timestamp that falls by more than half its
 * range is taken as a wrap and extended. N-MNIST digits are 34x34; other recordings in this layout
 * (SLAYER's DVS128 {@code .bs2}) pass their own sensor size or -1. A file cut mid-event ends cleanly
 * with {@link #truncated()} set.
 */
public final class NmnistDecoder extends ChunkedDecoder {
    public static final int NMNIST_SIDE = 34;
    private static final int EVENT_BYTES = 5;
    private static final long WRAP = 1L << 23;

    private long wrapBase;
    private long lastRaw;

    /** An N-MNIST digit: a 34x34 sensor. */
    public NmnistDecoder(InputStream in, String source) {
        this(in, source, NMNIST_SIDE, NMNIST_SIDE);
    }

    /** The same layout with another (or an unknown, -1) sensor size. */
    public NmnistDecoder(InputStream in, String source, int width, int height) {
        super(in, source);
        this.width = width;
        this.height = height;
    }

    /** Opens a file; {@code .bin} files are N-MNIST digits (34x34), others have an unknown sensor size. */
    public static NmnistDecoder open(Path path) throws IOException {
        boolean bin = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bin");
        InputStream in = Files.newInputStream(path);
        return bin ? new NmnistDecoder(in, path.toString()) : new NmnistDecoder(in, path.toString(), -1, -1);
    }

    @Override
    public EventFormat format() {
        return EventFormat.NMNIST;
    }

    @Override
    protected void decodeInto(EventBatch batch) throws IOException {
        int[] xs = batch.x();
        int[] ys = batch.y();
        byte[] ps = batch.polarity();
        long[] ts = batch.tUs();
        int n = batch.size();
        final int cap = batch.capacity();
        final byte[] b = buf;
        long base = wrapBase;
        long last = lastRaw;
        while (n < cap) {
            if (lim - pos < EVENT_BYTES && !ensure(EVENT_BYTES)) { finishAtEnd(EVENT_BYTES, "N-MNIST event"); break; }
            int p = pos;
            int count = Math.min(cap - n, (lim - p) / EVENT_BYTES);
            for (int i = 0; i < count; i++) {
                int b2 = b[p + 2] & 0xFF;
                long raw = ((b2 & 0x7F) << 16) | ((b[p + 3] & 0xFF) << 8) | (b[p + 4] & 0xFF);
                if (raw < last && last - raw > WRAP / 2) base += WRAP;
                last = raw;
                xs[n] = b[p] & 0xFF;
                ys[n] = b[p + 1] & 0xFF;
                ps[n] = (byte) (b2 >>> 7);
                ts[n] = base + raw;
                n++;
                p += EVENT_BYTES;
            }
            pos = p;
        }
        wrapBase = base;
        lastRaw = last;
        batch.setSize(n);
    }
}
