package dev.engram.connectors.source.reader;

import dev.engram.operators.DeadLetter;
import java.io.IOException;
import java.io.RandomAccessFile;

/** The original bytes a dead letter keeps: up to {@code max} bytes of a file from the offset where reading failed. */
public final class FileBytes {
    private FileBytes() {}

    /** Attaches them to {@code letter}; when the file cannot be read, only the offset. */
    public static void attach(DeadLetter letter, String file, long offset, int max) {
        long from = Math.max(0, offset);
        try (RandomAccessFile f = new RandomAccessFile(file, "r")) {
            long n = Math.max(0, Math.min(max, f.length() - from));
            byte[] bytes = new byte[(int) n];
            f.seek(from);
            f.readFully(bytes);
            letter.withBytes(bytes, from);
        } catch (IOException unreadable) {
            letter.byteOffset = offset;
        }
    }
}
