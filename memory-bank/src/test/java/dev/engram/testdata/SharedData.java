package dev.engram.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests find the shared data (never copied into the repository): system property
 * {@code engram.data}, else environment variable {@code ENGRAM_DATA}, else the build's default
 * (system property {@code engram.data.default}, which the parent POM sets to {@code ../shared/data}
 * beside the checkout), else {@code ../shared/data} relative to the working directory. Blank values
 * count as unset. A test that needs a missing file or folder is skipped with a visible assumption,
 * never failed.
 *
 * <p>Shipped to the other modules as this module's test-jar.
 */
public final class SharedData {
    private SharedData() {}

    /** The data root, whether or not it exists. */
    public static Path root() {
        for (String candidate : new String[] {System.getProperty("engram.data"), System.getenv("ENGRAM_DATA"),
                System.getProperty("engram.data.default")}) {
            if (candidate != null && !candidate.isBlank()) return Path.of(candidate.strip());
        }
        return Path.of("../shared/data");
    }

    /** {@code root()/relative} when it exists (file or folder); otherwise skips the calling test. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared data not found: " + p.toAbsolutePath()
                + " (set -Dengram.data or ENGRAM_DATA to the shared data folder)");
        return p;
    }

    /** {@code root()/relative} when it exists; otherwise null (for tests that choose what to do). */
    public static Path pathOrNull(String relative) {
        Path p = root().resolve(relative);
        return Files.exists(p) ? p : null;
    }

    /** The DAVIS sequences folder ({@code vos/}), or skips. */
    public static Path vos() {
        return path("vos/bear").getParent();
    }

    /** One DAVIS sequence folder, or skips. */
    public static Path sequence(String name) {
        return path("vos/" + name);
    }

    /** A file or folder under {@code events/}, or skips. */
    public static Path events(String relative) {
        return path("events/" + relative);
    }

    /** The MNIST IDX folder, or skips. */
    public static Path mnist() {
        return path("mnist/train-images-idx3-ubyte").getParent();
    }
}
