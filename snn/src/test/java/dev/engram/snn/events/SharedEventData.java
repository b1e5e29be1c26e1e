package dev.engram.snn.events;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared event recordings; tests that need them skip when they are absent. */
final class SharedEventData {
    private SharedEventData() {}

    static Path root() {
        String prop = System.getProperty("engram.data");
        String env = System.getenv("ENGRAM_DATA");
        String dir = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : "../shared/data";
        return Path.of(dir).resolve("events");
    }

    /** The file under {@code <data>/events}, or skips the calling test. */
    static Path file(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared event data not found: " + p + " (set -Dengram.data or ENGRAM_DATA)");
        return p;
    }
}
