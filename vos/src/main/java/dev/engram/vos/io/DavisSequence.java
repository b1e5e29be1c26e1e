package dev.engram.vos.io;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sequence found by {@link DavisFolder}: its frame files in order and the masks that exist for
 * some or all of them, matched by file stem ({@code 00005.jpg} ↔ {@code 00005.png}). The first frame
 * always has a mask (checked on discovery). Immutable; reads files only when asked.
 */
public final class DavisSequence {
    private final String name;
    private final Path folder;
    private final List<Path> frames;
    private final Map<String, Path> masksByStem;

    DavisSequence(String name, Path folder, List<Path> frames, Map<String, Path> masksByStem) {
        this.name = name;
        this.folder = folder;
        this.frames = List.copyOf(frames);
        this.masksByStem = Collections.unmodifiableMap(new LinkedHashMap<>(masksByStem));
    }

    public String name() {
        return name;
    }

    /** The folder holding the frame files, for messages. */
    public Path folder() {
        return folder;
    }

    /** Frame files sorted by name. */
    public List<Path> frames() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    /** Mask files keyed by file stem, in frame order; may cover only some frames. */
    public Map<String, Path> masksByStem() {
        return masksByStem;
    }

    /** The mask file of frame {@code i}, or null when that frame has none. */
    public Path maskPath(int i) {
        return masksByStem.get(stem(frames.get(i)));
    }

    public Path firstMask() {
        return maskPath(0);
    }

    /** Decodes frame {@code i} (no annotation); throws {@link BadInputException} on a bad file. */
    public Frame readFrame(int i, String streamId) {
        return ImageFiles.readFrame(frames.get(i), streamId, i);
    }

    /** Reads the mask of frame {@code i} at the given frame size, or returns null when it has none. */
    public Mask readMask(int i, int width, int height) {
        Path p = maskPath(i);
        return p == null ? null : MaskFiles.read(p, width, height);
    }

    /** Frame 0 with its mask attached as the annotation, as a semi-supervised stream starts. */
    public Frame readAnnotatedFirstFrame(String streamId) {
        Frame f = readFrame(0, streamId);
        return f.withAnnotation(readMask(0, f.width, f.height));
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    @Override
    public String toString() {
        return "DavisSequence{" + name + ", " + frames.size() + " frames, " + masksByStem.size() + " masks}";
    }
}
