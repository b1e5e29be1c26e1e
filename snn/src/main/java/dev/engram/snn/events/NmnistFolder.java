package dev.engram.snn.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An N-MNIST folder laid out as {@code <root>/Train/<label>/<n>.bin} and {@code <root>/Test/<label>/<n>.bin}
 * (the original dataset's layout). Labels are the digit folder names; folders that are not a single
 * digit and files that are not {@code .bin} are ignored. Samples are listed train first, then by
 * label and by numeric file name.
 */
public final class NmnistFolder {

    public enum Split { TRAIN, TEST }

    /** One labelled digit recording. */
    public record Sample(Path path, int label, Split split) {
        public NmnistDecoder open() throws IOException {
            return NmnistDecoder.open(path);
        }
    }

    private final Path root;
    private final List<Sample> samples;

    private NmnistFolder(Path root, List<Sample> samples) {
        this.root = root;
        this.samples = List.copyOf(samples);
    }

    /** Lists the samples under {@code root}; at least one of {@code Train} and {@code Test} must exist. */
    public static NmnistFolder of(Path root) throws IOException {
        List<Sample> samples = new ArrayList<>();
        boolean any = false;
        for (Split split : Split.values()) {
            Path dir = childIgnoringCase(root, split.name());
            if (dir == null) continue;
            any = true;
            try (Stream<Path> labels = Files.list(dir)) {
                for (Path labelDir : labels.filter(Files::isDirectory).toList()) {
                    String name = labelDir.getFileName().toString();
                    if (name.length() != 1 || !Character.isDigit(name.charAt(0))) continue;
                    int label = name.charAt(0) - '0';
                    try (Stream<Path> files = Files.list(labelDir)) {
                        files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bin"))
                                .filter(Files::isRegularFile)
                                .forEach(f -> samples.add(new Sample(f, label, split)));
                    }
                }
            }
        }
        if (!any) throw new IOException("no Train or Test folder under " + root);
        samples.sort(Comparator.comparing(Sample::split).thenComparingInt(Sample::label)
                .thenComparingLong(s -> fileNumber(s.path())).thenComparing(s -> s.path().getFileName().toString()));
        return new NmnistFolder(root, samples);
    }

    private static Path childIgnoringCase(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().equalsIgnoreCase(name))
                    .findFirst().orElse(null);
        }
    }

    private static long fileNumber(Path p) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        try {
            return Long.parseLong(stem);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public Path root() { return root; }

    public List<Sample> samples() { return samples; }

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }
}
