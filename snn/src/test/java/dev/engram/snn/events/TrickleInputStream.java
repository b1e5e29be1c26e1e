package dev.engram.snn.events;

import java.io.ByteArrayInputStream;
import java.util.Random;

/** Serves a byte array in short, random-length reads, as a pipe or socket would. */
final class TrickleInputStream extends ByteArrayInputStream {
    private final Random random;
    private final int maxRead;

    TrickleInputStream(byte[] data, long seed, int maxRead) {
        super(data);
        this.random = new Random(seed);
        this.maxRead = maxRead;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
    }
}
