package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Prophesee EVT 2.0 {@code .raw}: a '%' text header, then 32-bit little-endian words. Type (bits
 * 31-28) 0x0 CD_OFF / 0x1 CD_ON carry the 6 low timestamp bits (27-22), x (21-11) and y (10-0);
 * 0x8 EVT_TIME_HIGH carries timestamp bits 33..6. Other types (triggers, vendor words) are skipped.
 * Events before the first TIME_HIGH get the high part 0; a TIME_HIGH that falls by more than half its
 * range is a wrap of the 34-bit clock and extends the timestamp, so {@code tUs} never jumps back.
 * A file cut mid-word ends cleanly with {@link #truncated()} set.
 */
public final class Evt2Decoder extends ChunkedDecoder {
    private static final long HIGH_RANGE = 1L << 34;

    private long timeHigh;
    private long wrapBase;

    public Evt2Decoder(InputStream in, String source) throws IOException {
        super(in, source);
        readPropheseeHeader();
    }

    public static Evt2Decoder open(Path path) throws IOException {
        return openFile(path, Evt2Decoder::new);
    }

    @Override
    public EventFormat format() {
        return EventFormat.EVT2;
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
        long tBase = wrapBase + timeHigh;
        while (n < cap) {
            if (lim - pos < 4 && !ensure(4)) { finishAtEnd(4, "EVT2 word"); break; }
            int p = pos;
            final int stop = lim - 3;
            while (p < stop && n < cap) {
                int w = (int) INT_LE.get(b, p);
                p += 4;
                int type = w >>> 28;
                if (type <= 1) {
                    xs[n] = (w >>> 11) & 0x7FF;
                    ys[n] = w & 0x7FF;
                    ps[n] = (byte) type;
                    ts[n] = tBase | ((w >>> 22) & 0x3F);
                    n++;
                } else if (type == 8) {
                    long high = (long) (w & 0x0FFFFFFF) << 6;
                    if (high < timeHigh && timeHigh - high > HIGH_RANGE / 2) wrapBase += HIGH_RANGE;
                    timeHigh = high;
                    tBase = wrapBase + high;
                }
            }
            pos = p;
        }
        batch.setSize(n);
    }
}
