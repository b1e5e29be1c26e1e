package dev.engram.snn.events;

/**
 * A reusable struct-of-arrays batch of address events: {@code x[i], y[i], polarity[i], tUs[i]} for
 * {@code i < size()}. Decoders clear and refill the same batch, so a consumer must copy what it keeps
 * before the next {@link EventDecoder#read(EventBatch)}.
 *
 * <p>Polarity is {@code 1} for ON (brightness increase) and {@code 0} for OFF. Timestamps are in
 * microseconds on the recording's own clock; they are non-decreasing in well-formed recordings, except
 * that EVT 3.0 allows a few microseconds back (see {@link Evt3Decoder}) and CSV is taken as written. Coordinates
 * are not checked against the sensor size: a damaged file can yield events outside it, so a consumer
 * that indexes arrays by coordinate checks bounds itself.
 */
public final class EventBatch {
    /** Default capacity used by the decoders' helpers: 64Ki events, 1.1 MiB of arrays. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    /** Bytes held per event slot: two ints, one byte, one long. */
    public static final int BYTES_PER_EVENT = 4 + 4 + 1 + 8;

    private final int[] x;
    private final int[] y;
    private final byte[] polarity;
    private final long[] tUs;
    private int size;
    private int width = -1;
    private int height = -1;

    public EventBatch(int capacity) {
        if (capacity < 16) throw new IllegalArgumentException("batch capacity must be at least 16, got " + capacity);
        x = new int[capacity];
        y = new int[capacity];
        polarity = new byte[capacity];
        tUs = new long[capacity];
    }

    public static EventBatch withDefaultCapacity() {
        return new EventBatch(DEFAULT_CAPACITY);
    }

    public int[] x() { return x; }
    public int[] y() { return y; }
    public byte[] polarity() { return polarity; }
    public long[] tUs() { return tUs; }

    public int size() { return size; }
    public int capacity() { return x.length; }
    public boolean isEmpty() { return size == 0; }

    /** Sensor width in pixels, or -1 when the file does not say. */
    public int width() { return width; }

    /** Sensor height in pixels, or -1 when the file does not say. */
    public int height() { return height; }

    /** Bytes held by the arrays, whatever the current size. */
    public long sizeBytes() {
        return (long) capacity() * BYTES_PER_EVENT;
    }

    public void clear() {
        size = 0;
    }

    /** Appends one event; the batch must not be full. */
    public void add(int ex, int ey, boolean on, long t) {
        int i = size;
        x[i] = ex;
        y[i] = ey;
        polarity[i] = on ? (byte) 1 : (byte) 0;
        tUs[i] = t;
        size = i + 1;
    }

    void setSize(int size) {
        this.size = size;
    }

    void setGeometry(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public String toString() {
        return "EventBatch[size=" + size + ", capacity=" + capacity() + ", sensor=" + width + "x" + height + "]";
    }
}
