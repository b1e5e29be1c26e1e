package dev.engram.memory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saved models and states as bytes and files, one way for every module: in memory, and to a file
 * through a temporary file in the same folder moved into place atomically, so a crash while saving
 * leaves the previous file or none, never half a model.
 */
public final class StateFiles {
    /** Writes a state to a stream. */
    @FunctionalInterface
    public interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a state from a stream. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private StateFiles() {}

    public static byte[] toBytes(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    public static <T> T fromBytes(byte[] bytes, Reading<T> reading) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reading.read(in);
        }
    }

    /** Writes {@code file} (creating its folder) through a temporary file moved into place atomically. */
    public static void writeAtomically(Path file, Writing writing) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                writing.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
