package dev.engram.connectors.events;

import java.io.Serializable;

/**
 * One recording as {@link EventFileSource} plans it: where it is, which stream it feeds, its label
 * (from a {@code <digit>/} folder, else -1), how many chunks it decodes into, its sensor size, and
 * the problem that ends it early (or null), found when it was planned.
 */
public record PlannedFile(String path, String streamId, int label, String format, int chunks, long events, int width,
        int height, String problem, long problemOffset) implements Serializable {}
