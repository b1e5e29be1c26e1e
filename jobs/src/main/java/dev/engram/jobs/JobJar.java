package dev.engram.jobs;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the job jar ({@code engram-job.jar}: Engram's classes without Flink, for a cluster): the
 * system property {@code engram.job.jar}, the environment variable {@code ENGRAM_JOB_JAR}, the file
 * beside the running {@code engram.jar}, else {@code jobs/target/engram-job.jar} under the working
 * directory.
 */
public final class JobJar {
    public static final String NAME = "engram-job.jar";

    private JobJar() {}

    /** @throws IllegalStateException saying how to build it when it is nowhere */
    public static Path locate() {
        for (String candidate : new String[] {System.getProperty("engram.job.jar"), System.getenv("ENGRAM_JOB_JAR")}) {
            if (candidate != null && !candidate.isBlank()) return existing(Path.of(candidate));
        }
        Path beside = besideRunningJar(NAME);
        if (beside != null && Files.isRegularFile(beside)) return beside;
        return existing(Path.of("jobs", "target", NAME));
    }

    /** A file beside the jar this class was loaded from, or null when it was not loaded from a jar. */
    public static Path besideRunningJar(String name) {
        Path self = runningJar();
        return self == null ? null : self.resolveSibling(name);
    }

    /** The jar this class was loaded from, or null when it was not loaded from a jar. */
    public static Path runningJar() {
        try {
            Path self = Path.of(JobJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(self) ? self : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("job jar not found at " + p.toAbsolutePath()
                    + " (build it with: mvn -B -DskipTests package; or set ENGRAM_JOB_JAR)");
        }
        return p.toAbsolutePath();
    }
}
