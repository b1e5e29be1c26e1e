package dev.engram.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh folders under the work dir for the output of commands that read it back and report (eval, bench). */
public final class WorkFolders {
    private WorkFolders() {}

    /** {@code workDir/runs/<name>}, emptied first, so a report never mixes in an earlier run's output. */
    public static Path fresh(Path workDir, String name) {
        Path dir = workDir.resolve("runs").resolve(name);
        delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create", e);
        }
        return dir;
    }

    /** Deletes a folder tree, if present. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot delete", e);
        }
    }
}
