package dev.engram.tta;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data: system property engram.data, env ENGRAM_DATA, else ../shared/data. */
public final class TestData {
    private TestData() {}

    public static Path mnist() {
        String dir = System.getProperty("engram.data");
        if (dir == null) dir = System.getenv("ENGRAM_DATA");
        if (dir == null) dir = "../shared/data";
        return Path.of(dir, "mnist");
    }

    public static boolean mnistPresent() {
        return Files.isRegularFile(mnist().resolve("train-images-idx3-ubyte"));
    }
}
