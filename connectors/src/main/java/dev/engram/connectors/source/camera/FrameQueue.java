package dev.engram.connectors.source.camera;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between a camera's reading thread and the source reader: at most
 * {@code capacity} frames, whatever the camera's rate, so memory stays flat when the job is slower
 * than the camera. A full queue applies the {@link OverloadPolicy} and counts what it dropped.
 *
 * @param <F> the frame type
 */
final class FrameQueue<F> {
    private final ArrayDeque<F> frames = new ArrayDeque<>();
    private final int capacity;
    private final OverloadPolicy policy;
    private long dropped;
    private boolean closed;

    FrameQueue(int capacity, OverloadPolicy policy) {
        if (capacity < 1) throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.policy = policy;
    }

    /** Adds a frame; under {@link OverloadPolicy#BLOCK} waits for room (false when closed meanwhile). */
    synchronized boolean put(F frame) throws InterruptedException {
        while (frames.size() >= capacity && !closed) {
            switch (policy) {
                case DROP_OLDEST -> {
                    frames.pollFirst();
                    dropped++;
                }
                case DROP_NEWEST -> {
                    dropped++;
                    return true;
                }
                case BLOCK -> wait(TimeUnit.MILLISECONDS.toMillis(100));
            }
        }
        if (closed) return false;
        frames.addLast(frame);
        return true;
    }

    /** The oldest frame, or null when none is queued. */
    synchronized F poll() {
        F f = frames.pollFirst();
        if (f != null) notifyAll();
        return f;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized int size() {
        return frames.size();
    }

    synchronized void close() {
        closed = true;
        frames.clear();
        notifyAll();
    }
}
