package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Prophesee EVT 3.0 {@code .raw}: a '%' text header, then 16-bit little-endian words whose top nibble
 * is the type. The decoder keeps the camera's state: y (EVT_ADDR_Y), the vector base x and polarity
 * (VECT_BASE_X, advanced by 12 or 8 after each VECT_12 / VECT_8 mask), and a 24-bit time made of
 * EVT_TIME_HIGH (bits 23..12) and EVT_TIME_LOW (bits 11..0). Triggers and vendor words are skipped.
 *
 * <p>Timestamps are decoded as the specification (and OpenEB) does: t = high &lt;&lt; 12 | low, with a
 * TIME_HIGH that falls by more than half its range counted as a wrap of the 24-bit clock; a TIME_HIGH
 * word resets the low part to 0 until the next TIME_LOW. Real Gen4.1 recordings re-send TIME_HIGH
 * often and their TIME_LOW then sometimes steps back 3-12 µs (811 then 800). Such steps are kept as
 * they are, never read as a 4096 µs wrap as some readers (expelliarmus) do; in the recordings seen no
 * event falls between the two TIME_LOW words, so event times stay non-decreasing, but a consumer must
 * not rely on that for EVT 3.0. Coordinates, polarities and counts agree with those readers. A file cut
 * mid-word ends cleanly with {@link #truncated()} set.
 */
public final class Evt3Decoder extends ChunkedDecoder {
    private static final int TYPE_ADDR_Y = 0x0;
    private static final int TYPE_ADDR_X = 0x2;
    private static final int TYPE_VECT_BASE_X = 0x3;
    private static final int TYPE_VECT_12 = 0x4;
    private static final int TYPE_VECT_8 = 0x5;
    private static final int TYPE_TIME_LOW = 0x6;
    private static final int TYPE_TIME_HIGH = 0x8;
    private static final long HIGH_WRAP = 1L << 24;

    private int y;
    private int baseX;
    private byte vectPolarity;
    private int timeHigh;
    private long highBase;
    private long t;

    public Evt3Decoder(InputStream in, String source) throws IOException {
        super(in, source);
        readPropheseeHeader();
    }

    public static Evt3Decoder open(Path path) throws IOException {
        return openFile(path, Evt3Decoder::new);
    }

    @Override
    public EventFormat format() {
        return EventFormat.EVT3;
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
        int cy = y;
        int bx = baseX;
        byte vp = vectPolarity;
        long ct = t;
        outer:
        while (n < cap) {
            if (lim - pos < 2 && !ensure(2)) { finishAtEnd(2, "EVT3 word"); break; }
            int p = pos;
            final int stop = lim - 1;
            while (p < stop) {
                int w = (short) SHORT_LE.get(b, p) & 0xFFFF;
                switch (w >>> 12) {
                    case TYPE_ADDR_X -> {
                        if (n == cap) { pos = p; break outer; }
                        xs[n] = w & 0x7FF;
                        ys[n] = cy;
                        ps[n] = (byte) ((w >>> 11) & 1);
                        ts[n] = ct;
                        n++;
                    }
                    case TYPE_ADDR_Y -> cy = w & 0x7FF;
                    case TYPE_VECT_12 -> {
                        int mask = w & 0xFFF;
                        if (n + Integer.bitCount(mask) > cap) { pos = p; break outer; }
                        while (mask != 0) {
                            int k = Integer.numberOfTrailingZeros(mask);
                            mask &= mask - 1;
                            xs[n] = bx + k;
                            ys[n] = cy;
                            ps[n] = vp;
                            ts[n] = ct;
                            n++;
                        }
                        bx += 12;
                    }
                    case TYPE_VECT_8 -> {
                        int mask = w & 0xFF;
                        if (n + Integer.bitCount(mask) > cap) { pos = p; break outer; }
                        while (mask != 0) {
                            int k = Integer.numberOfTrailingZeros(mask);
                            mask &= mask - 1;
                            xs[n] = bx + k;
                            ys[n] = cy;
                            ps[n] = vp;
                            ts[n] = ct;
                            n++;
                        }
                        bx += 8;
                    }
                    case TYPE_VECT_BASE_X -> {
                        bx = w & 0x7FF;
                        vp = (byte) ((w >>> 11) & 1);
                    }
                    case TYPE_TIME_LOW -> ct = highBase | (w & 0xFFF);
                    case TYPE_TIME_HIGH -> {
                        int high = w & 0xFFF;
                        if (high < timeHigh && timeHigh - high > 2048) highBase += HIGH_WRAP;
                        timeHigh = high;
                        highBase = (highBase & ~(HIGH_WRAP - 1)) | ((long) high << 12);
                        ct = highBase;
                    }
                    default -> { }
                }
                p += 2;
            }
            pos = p;
        }
        y = cy;
        baseX = bx;
        vectPolarity = vp;
        t = ct;
        batch.setSize(n);
    }
}
