package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Prophesee / N-CARS {@code .dat}: '%' text header lines, one byte event type and one byte event
 * size, then 8-byte little-endian events: uint32 timestamp (µs) and uint32 data with x in bits 13-0,
 * y in bits 27-14 and polarity in bits 31-28 (non-zero is ON). Only 2D CD events of size 8 (types
 * 0x00 and 0x0C) are accepted; anything else raises {@link EventDecodeException}. The 32-bit clock
 * wraps after 71 minutes; a timestamp that falls by more than half its range is taken as a wrap and
 * extended. The sensor size comes from {@code % Width}/{@code % Height} or geometry lines when present,
 * else it is unknown (-1). A file cut mid-event ends cleanly with {@link #truncated()} set.
 */
public final class DatDecoder extends ChunkedDecoder {
    private static final int EVENT_BYTES = 8;
    private static final long WRAP = 1L << 32;

    private long wrapBase;
    private long lastRaw;

    public DatDecoder(InputStream in, String source) throws IOException {
        super(in, source);
        readPropheseeHeader();
        if (finished) return;
        if (!ensure(2)) {
            markTruncated("file ends before the event type and size bytes at offset " + offset(pos));
            pos = lim;
            finished = true;
            return;
        }
        int type = buf[pos] & 0xFF;
        int size = buf[pos + 1] & 0xFF;
        if (size != EVENT_BYTES || (type != 0x00 && type != 0x0C)) {
            throw error(offset(pos), "unsupported DAT event type 0x" + Integer.toHexString(type) + " of size " + size
                    + " (only 2D CD events, type 0x00 or 0x0C, size 8)");
        }
        pos += 2;
    }

    public static DatDecoder open(Path path) throws IOException {
        return openFile(path, DatDecoder::new);
    }

    @Override
    public EventFormat format() {
        return EventFormat.DAT;
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
            if (lim - pos < EVENT_BYTES && !ensure(EVENT_BYTES)) { finishAtEnd(EVENT_BYTES, "DAT event"); break; }
            int p = pos;
            int count = Math.min(cap - n, (lim - p) / EVENT_BYTES);
            for (int i = 0; i < count; i++) {
                long raw = (int) INT_LE.get(b, p) & 0xFFFFFFFFL;
                int data = (int) INT_LE.get(b, p + 4);
                p += EVENT_BYTES;
                if (raw < last && last - raw > WRAP / 2) base += WRAP;
                last = raw;
                xs[n] = data & 0x3FFF;
                ys[n] = (data >>> 14) & 0x3FFF;
                ps[n] = (byte) ((data >>> 28) != 0 ? 1 : 0);
                ts[n] = base + raw;
                n++;
            }
            pos = p;
        }
        wrapBase = base;
        lastRaw = last;
        batch.setSize(n);
    }
}
