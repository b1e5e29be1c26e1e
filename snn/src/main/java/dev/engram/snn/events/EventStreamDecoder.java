package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Event Stream {@code .es} version 2 (neuromorphicsystems' sepia), DVS type: the 12-byte magic
 * "Event Stream", version bytes (2, x, y), a type byte (1 = DVS), uint16 LE width and height, then
 * variable-length events. Byte 0xFF adds 127 µs (overflow), 0xFE is a reset marker, any other byte b
 * adds {@code b >> 1} µs and starts an event with polarity {@code b & 1}, followed by x and y as
 * uint16 LE. Timestamps therefore start at 0. Generic, ATIS and colour streams raise
 * {@link EventDecodeException}; a file cut mid-event ends cleanly with {@link #truncated()} set.
 */
public final class EventStreamDecoder extends ChunkedDecoder {
    static final byte[] MAGIC = "Event Stream".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 3 + 1 + 4;
    private static final int EVENT_BYTES = 5;

    private long t;

    public EventStreamDecoder(InputStream in, String source) throws IOException {
        super(in, source);
        if (!ensure(MAGIC.length + 4)) {
            throw error(0, "too short for an Event Stream header (" + (lim - pos) + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) throw error(i, "not an Event Stream file: the magic 'Event Stream' is missing");
        }
        int major = buf[MAGIC.length] & 0xFF;
        if (major != 2) {
            throw error(MAGIC.length, "unsupported Event Stream version " + major + "." + (buf[MAGIC.length + 1] & 0xFF)
                    + " (only 2.x)");
        }
        int type = buf[MAGIC.length + 3] & 0xFF;
        if (type != 1) {
            String name = switch (type) {
                case 0 -> "generic";
                case 2 -> "atis";
                case 4 -> "color";
                default -> "unknown (" + type + ")";
            };
            throw error(MAGIC.length + 3, "Event Stream type " + name + " is not supported (only dvs)");
        }
        if (!ensure(HEADER_BYTES)) {
            throw error(0, "file ends inside the Event Stream header");
        }
        width = (short) SHORT_LE.get(buf, MAGIC.length + 4) & 0xFFFF;
        height = (short) SHORT_LE.get(buf, MAGIC.length + 6) & 0xFFFF;
        pos = HEADER_BYTES;
    }

    public static EventStreamDecoder open(Path path) throws IOException {
        return openFile(path, EventStreamDecoder::new);
    }

    @Override
    public EventFormat format() {
        return EventFormat.ES;
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
        long ct = t;
        while (n < cap) {
            if (lim - pos < EVENT_BYTES && !ensure(EVENT_BYTES)) {
                // Overflow and reset bytes may legitimately end the file; a partial event may not.
                while (pos < lim && (b[pos] & 0xFF) >= 0xFE) {
                    if (b[pos] == (byte) 0xFF) ct += 127;
                    pos++;
                }
                if (pos < lim) {
                    markTruncated((lim - pos) + " trailing byte(s) at offset " + offset(pos) + " do not make a whole event");
                    pos = lim;
                }
                finished = true;
                break;
            }
            int p = pos;
            final int stop = lim - EVENT_BYTES;
            while (p <= stop && n < cap) {
                int head = b[p] & 0xFF;
                if (head >= 0xFE) {
                    if (head == 0xFF) ct += 127;
                    p++;
                    continue;
                }
                ct += head >>> 1;
                xs[n] = (b[p + 1] & 0xFF) | ((b[p + 2] & 0xFF) << 8);
                ys[n] = (b[p + 3] & 0xFF) | ((b[p + 4] & 0xFF) << 8);
                ps[n] = (byte) (head & 1);
                ts[n] = ct;
                n++;
                p += EVENT_BYTES;
            }
            pos = p;
        }
        t = ct;
        batch.setSize(n);
    }
}
