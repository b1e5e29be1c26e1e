package dev.engram.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of a local cluster: {@code conf/config.yaml} (Flink's configuration), {@code pids/}
 * ({@code jobmanager.pid}, {@code taskmanager-<n>.pid}), {@code log/} (each process's output),
 * {@code tmp/} (Flink's {@code io.tmp.dirs}) and {@code rest} (the REST address, one line).
 */
public record ClusterLayout(Path dir) {
    private static final Pattern TASK_MANAGER_PID = Pattern.compile("taskmanager-(\\d+)\\.pid");

    public ClusterLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path conf() {
        return dir.resolve("conf");
    }

    public Path config() {
        return conf().resolve("config.yaml");
    }

    public Path pids() {
        return dir.resolve("pids");
    }

    public Path logs() {
        return dir.resolve("log");
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    public Path jobManagerPid() {
        return pids().resolve("jobmanager.pid");
    }

    public Path taskManagerPid(int n) {
        return pids().resolve("taskmanager-" + n + ".pid");
    }

    public Path restFile() {
        return dir.resolve("rest");
    }

    /** The REST address written at start, if this folder holds a cluster. */
    public Optional<String> rest() throws IOException {
        return Files.isRegularFile(restFile()) ? Optional.of(Files.readString(restFile()).trim()) : Optional.empty();
    }

    /** The TaskManager numbers that have a pid file, in order. */
    public List<Integer> taskManagers() throws IOException {
        List<Integer> numbers = new ArrayList<>();
        if (!Files.isDirectory(pids())) return numbers;
        try (Stream<Path> s = Files.list(pids())) {
            for (Path p : s.toList()) {
                Matcher m = TASK_MANAGER_PID.matcher(p.getFileName().toString());
                if (m.matches()) numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** The pid in {@code file}, if the file exists and holds one. */
    public static OptionalLong pid(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
