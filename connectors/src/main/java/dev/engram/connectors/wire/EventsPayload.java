package dev.engram.connectors.wire;

import java.nio.ByteBuffer;

/**
 * The {@link WireRecord.Encoding#EVENTS_SOA} payload: {@code n} (u32), then {@code x[n]} and
 * {@code y[n]} (u16), {@code polarity[n]} (u8: 1 ON, 0 OFF) and {@code t[n]} (i64, microseconds,
 * non-decreasing); the record's width and height give the sensor size, and every event lies inside it.
 */
public record EventsPayload(int[] x, int[] y, byte[] polarity, long[] tUs) {
    /** Bytes per event. */
    static final int EVENT = 2 + 2 + 1 + 8;

    public int size() {
        return tUs.length;
    }

    public byte[] encode() {
        int n = tUs.length;
        ByteBuffer b = ByteBuffer.allocate(4 + n * EVENT).putInt(n);
        for (int v : x) b.putShort((short) v);
        for (int v : y) b.putShort((short) v);
        b.put(polarity);
        for (long t : tUs) b.putLong(t);
        return b.array();
    }

    /** Decodes a payload {@link WireFormat#decode} has checked. */
    public static EventsPayload decode(WireRecord r) throws WireFormatException {
        check(r);
        ByteBuffer b = ByteBuffer.wrap(r.payload);
        int n = b.getInt();
        int[] x = new int[n], y = new int[n];
        byte[] p = new byte[n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) x[i] = b.getShort() & 0xFFFF;
        for (int i = 0; i < n; i++) y[i] = b.getShort() & 0xFFFF;
        b.get(p);
        for (int i = 0; i < n; i++) t[i] = b.getLong();
        return new EventsPayload(x, y, p, t);
    }

    static void check(WireRecord r) throws WireFormatException {
        byte[] a = r.payload;
        if (a.length < 4) throw new WireFormatException("truncated events payload: " + a.length + " bytes");
        long n = Integer.toUnsignedLong(ByteBuffer.wrap(a).getInt());
        if (4 + n * EVENT != a.length) {
            throw new WireFormatException("events payload of " + a.length + " bytes does not hold " + n + " events (" + (4 + n * EVENT)
                    + " bytes); truncated or padded");
        }
        if (r.width <= 0 || r.height <= 0) throw new WireFormatException("events need the sensor size as width x height, got " + r.width + "x" + r.height);
        ByteBuffer b = ByteBuffer.wrap(a, 4, a.length - 4);
        int count = (int) n;
        for (int i = 0; i < count; i++) {
            int x = b.getShort() & 0xFFFF;
            if (x >= r.width) throw new WireFormatException("event " + i + ": x " + x + " outside the " + r.width + "x" + r.height + " sensor");
        }
        for (int i = 0; i < count; i++) {
            int y = b.getShort() & 0xFFFF;
            if (y >= r.height) throw new WireFormatException("event " + i + ": y " + y + " outside the " + r.width + "x" + r.height + " sensor");
        }
        for (int i = 0; i < count; i++) {
            int p = b.get();
            if (p != 0 && p != 1) throw new WireFormatException("event " + i + ": polarity " + p + " (0 or 1)");
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long t = b.getLong();
            if (t < last) throw new WireFormatException("event " + i + ": time " + t + " µs before the previous " + last + " µs");
            last = t;
        }
    }
}
