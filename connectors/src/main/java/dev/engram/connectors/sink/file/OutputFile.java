package dev.engram.connectors.sink.file;

import java.util.Objects;

/**
 * One piece of output for {@link FileOutputSink}, addressed by a path relative to the sink's root
 * ({@code /}-separated, e.g. {@code masks/cam-0/00012.png}):
 * <ul>
 *   <li>{@link Kind#FILE}: the whole content of that file, replacing any earlier content;</li>
 *   <li>{@link Kind#LINE}: one line of a JSON-lines file, at position {@link #sequence} of its stream;</li>
 *   <li>{@link Kind#FINISH}: the lines of that file are complete; the sink assembles the file.</li>
 * </ul>
 * A public-field POJO so Flink serializes it without Kryo.
 */
public class OutputFile {
    public enum Kind { FILE, LINE, FINISH }

    public String path;
    public Kind kind;
    public byte[] bytes;
    /** Position of a line within its stream (frame index, window number); orders the file's parts. */
    public long sequence;

    public OutputFile() {}

    private OutputFile(String path, Kind kind, byte[] bytes, long sequence) {
        this.path = checkPath(path);
        this.kind = kind;
        this.bytes = bytes;
        this.sequence = sequence;
    }

    public static OutputFile file(String path, byte[] content) {
        return new OutputFile(path, Kind.FILE, Objects.requireNonNull(content, "content"), 0);
    }

    /** A line (without its newline) of the JSON-lines file {@code path}. */
    public static OutputFile line(String path, long sequence, byte[] line) {
        return new OutputFile(path, Kind.LINE, Objects.requireNonNull(line, "line"), sequence);
    }

    public static OutputFile finish(String path) {
        return new OutputFile(path, Kind.FINISH, new byte[0], 0);
    }

    /**
     * Refuses paths that could leave the sink's root or clash with its own folders: absolute paths,
     * {@code ..}, empty segments, and first segments starting with {@code _} or {@code .}.
     */
    static String checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("output path must be relative and /-separated: " + path);
        }
        String[] parts = path.split("/", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) throw new IllegalArgumentException("bad output path: " + path);
        }
        if (parts[0].startsWith("_") || parts[0].startsWith(".")) {
            throw new IllegalArgumentException("output path may not start with _ or .: " + path);
        }
        return path;
    }

    @Override
    public String toString() {
        return "OutputFile{" + kind + " " + path + (kind == Kind.LINE ? " #" + sequence : "") + ", "
                + (bytes == null ? 0 : bytes.length) + " B}";
    }
}
