package dev.engram.connectors.source.frames;

import dev.engram.operators.DeadLetter;
import dev.engram.vos.Mask;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stream's folder of annotation masks ({@code --masks DIR} gives {@code DIR/<stream>/}): the mask
 * {@code <index>.png} (5-digit zero-padded as DAVIS writes it, or unpadded) starts or adds the objects
 * it marks at frame {@code index}. Sources without masks of their own (videos) take their first mask
 * from here.
 */
public final class AnnotationMasks {
    private final Path folder;

    public AnnotationMasks(String folder) {
        this.folder = folder == null ? null : Path.of(folder);
    }

    /** The mask file for frame {@code index}, or null when there is none. */
    Path file(long index) {
        if (folder == null) return null;
        Path padded = folder.resolve(String.format("%05d.png", index));
        if (Files.isRegularFile(padded)) return padded;
        Path plain = folder.resolve(index + ".png");
        return Files.isRegularFile(plain) ? plain : null;
    }

    /** A decoded annotation or a dead letter saying why the mask file is unusable. */
    public record Result(Mask mask, DeadLetter deadLetter) {}

    /** The annotation of frame {@code index} at {@code width}x{@code height}; both fields null when there is none. */
    public Result read(String streamId, long index, int width, int height) {
        Path file = file(index);
        if (file == null) return new Result(null, null);
        try {
            return new Result(MaskFiles.read(file, width, height), null);
        } catch (RuntimeException e) {
            DeadLetter d = new DeadLetter(streamId, index, file.toString(), "annotation unusable: " + message(e)).at("source");
            try {
                d.withBytes(Files.readAllBytes(file), 0);
            } catch (IOException unreadable) {
                // the reason already names the file; there are no bytes to keep
            }
            return new Result(null, d);
        }
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
