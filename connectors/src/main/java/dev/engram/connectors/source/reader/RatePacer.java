package dev.engram.connectors.source.reader;

/**
 * Paces a generated stream like a live camera: record {@code n} after the cursor opened is due
 * {@code n / fps} seconds after opening ({@code fps <= 0}: every record is due at once). After a
 * restore the pace starts again from the restored position.
 */
public final class RatePacer {
    private final double fps;
    private final long startNanos = System.nanoTime();
    private final long startPosition;

    public RatePacer(double fps, long startPosition) {
        this.fps = fps;
        this.startPosition = startPosition;
    }

    /** Nanoseconds until the record at {@code position} is due; 0 when it is. */
    public long nanosUntil(long position) {
        if (fps <= 0) return 0;
        long due = startNanos + (long) ((position - startPosition) * 1e9 / fps);
        return Math.max(0, due - System.nanoTime());
    }
}
