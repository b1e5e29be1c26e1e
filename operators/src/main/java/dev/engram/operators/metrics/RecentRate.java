package dev.engram.operators.metrics;

import org.apache.flink.metrics.Meter;

/**
 * A meter whose rate is the events of the last {@link #WINDOW_SECONDS} whole seconds, computed when
 * read, so a dashboard polling every second sees it move every second (Flink's {@code MeterView}
 * updates every 5 s). One writer thread and any number of readers.
 */
public final class RecentRate implements Meter {
    public static final int WINDOW_SECONDS = 5;

    private final long[] counts = new long[WINDOW_SECONDS + 1];
    private final long[] seconds = new long[WINDOW_SECONDS + 1];
    private final java.util.function.LongSupplier clockMs;
    private long total;

    public RecentRate() {
        this(System::currentTimeMillis);
    }

    RecentRate(java.util.function.LongSupplier clockMs) {
        this.clockMs = clockMs;
        java.util.Arrays.fill(seconds, Long.MIN_VALUE);
    }

    @Override
    public synchronized void markEvent() {
        markEvent(1);
    }

    @Override
    public synchronized void markEvent(long n) {
        long now = clockMs.getAsLong() / 1000;
        int slot = (int) (now % counts.length);
        if (seconds[slot] != now) {
            seconds[slot] = now;
            counts[slot] = 0;
        }
        counts[slot] += n;
        total += n;
    }

    /** Events per second over the last whole seconds (the current, unfinished second left out). */
    @Override
    public synchronized double getRate() {
        long now = clockMs.getAsLong() / 1000;
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (seconds[i] < now && seconds[i] >= now - WINDOW_SECONDS) sum += counts[i];
        }
        return sum / (double) WINDOW_SECONDS;
    }

    @Override
    public synchronized long getCount() {
        return total;
    }
}
