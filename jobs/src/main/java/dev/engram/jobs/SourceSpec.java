package dev.engram.jobs;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A {@code --source} value: {@code file:PATH} (a video, a DAVIS folder, an event recording, a folder
 * of them), {@code watch:DIR} (a folder that keeps receiving inputs), {@code synthetic:N} (N seeded
 * synthetic cameras), {@code mnist:DIR} (digits from an MNIST IDX folder, for TTA) or
 * {@code kafka:TOPIC} (wire records on a topic), {@code camera:URL[#ID]} (a live network camera;
 * repeatable) or {@code cameras:FILE} (a watched list of camera lines). A bare path means
 * {@code file:PATH}.
 */
public record SourceSpec(Kind kind, String value) {
    public enum Kind { FILE, WATCH, SYNTHETIC, MNIST, KAFKA, CAMERA, CAMERAS }

    public static SourceSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--source is empty");
        int colon = text.indexOf(':');
        String scheme = colon > 0 ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        String rest = colon > 0 ? text.substring(colon + 1) : text;
        Kind kind = switch (scheme) {
            case "file" -> Kind.FILE;
            case "watch" -> Kind.WATCH;
            case "synthetic" -> Kind.SYNTHETIC;
            case "mnist" -> Kind.MNIST;
            case "kafka" -> Kind.KAFKA;
            case "camera" -> Kind.CAMERA;
            case "cameras" -> Kind.CAMERAS;
            case "" -> Kind.FILE;
            default -> throw new IllegalArgumentException("--source " + text + ": unknown kind '" + scheme
                    + "' (file:PATH, watch:DIR, synthetic:N, mnist:DIR, kafka:TOPIC, camera:URL[#ID], cameras:FILE)");
        };
        if (rest.isBlank()) throw new IllegalArgumentException("--source " + text + ": nothing after '" + scheme + ":'");
        if (kind == Kind.CAMERA) dev.engram.connectors.source.camera.CameraAddress.parse(rest.trim());
        if (kind == Kind.SYNTHETIC) {
            try {
                if (Integer.parseInt(rest.trim()) < 1) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--source " + text + ": synthetic:N needs a stream count N >= 1");
            }
        }
        return new SourceSpec(kind, rest.trim());
    }

    /** The path of a file, watch or mnist source, absolute. */
    public Path path() {
        if (kind == Kind.SYNTHETIC || kind == Kind.KAFKA || kind == Kind.CAMERA) throw new IllegalStateException("a " + this + " source has no path");
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** The stream count of a synthetic source. */
    public int streams() {
        return Integer.parseInt(value);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
