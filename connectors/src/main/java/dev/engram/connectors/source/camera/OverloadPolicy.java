package dev.engram.connectors.source.camera;

import java.util.Locale;

/** What a live source does with a frame when the job is slower than the camera and its queue is full. */
public enum OverloadPolicy {
    /** Drop the oldest queued frame: the job always works on the most recent frames (the default). */
    DROP_OLDEST,
    /** Drop the new frame: the job sees an unbroken run of older frames, then a gap. */
    DROP_NEWEST,
    /** Stop reading the camera until there is room: nothing is dropped here, the camera's own buffers fill (and may drop). */
    BLOCK;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OverloadPolicy of(String name) {
        for (OverloadPolicy p : values()) if (p.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("--on-overload must be drop-oldest, drop-newest or block, got " + name);
    }
}
