package dev.engram.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The data folder a benchmark reads when its flag is not given: {@code $ENGRAM_DATA}, never a guessed relative path. */
final class DataFolder {
    private DataFolder() {}

    /** {@code $ENGRAM_DATA}, or an error naming {@code flag}. */
    static Path orFail(String flag) {
        String env = System.getenv("ENGRAM_DATA");
        if (env == null || env.isBlank()) throw new IllegalArgumentException("give " + flag + " DIR (or set ENGRAM_DATA)");
        Path p = Path.of(env.strip());
        if (!Files.isDirectory(p)) throw new IllegalArgumentException("ENGRAM_DATA=" + env + ": no such folder");
        return p;
    }
}
