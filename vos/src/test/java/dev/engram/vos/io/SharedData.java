package dev.engram.vos.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared evaluation data (never copied into the repository): system property
 * {@code engram.data}, else env {@code ENGRAM_DATA}, else {@code ../shared/data} relative to the
 * working directory. Tests that need it are skipped, not failed, when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String p = System.getProperty("engram.data");
        if (p == null || p.isBlank()) p = System.getenv("ENGRAM_DATA");
        if (p == null || p.isBlank()) p = "../shared/data";
        return Path.of(p);
    }

    /** The VOS sequences folder, or skips the calling test when it is missing. */
    public static Path vos() {
        Path vos = root().resolve("vos");
        assumeTrue(Files.isDirectory(vos), "shared VOS data not found at " + vos.toAbsolutePath()
                + " (set -Dengram.data or ENGRAM_DATA)");
        return vos;
    }

    /** One sequence folder under {@link #vos()}, or skips when it is missing. */
    public static Path sequence(String name) {
        Path seq = vos().resolve(name);
        assumeTrue(Files.isDirectory(seq), "shared sequence " + name + " not found at " + seq.toAbsolutePath());
        return seq;
    }
}
