package dev.engram.snn.eval;

import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.NmnistDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * N-MNIST-style labelled recordings held in memory: a folder laid out {@code <label>/<file>.bin}
 * (labels are single-digit folder names; other folders and files are ignored), decoded once. Samples
 * are ordered by label, then numeric file name, so runs are reproducible.
 */
public final class LabelledSamples {
    private final List<Path> paths;
    private final List<EventBatch> samples;
    private final int[] labels;

    public LabelledSamples(List<Path> paths, List<EventBatch> samples, int[] labels) {
        this.paths = List.copyOf(paths);
        this.samples = List.copyOf(samples);
        this.labels = labels.clone();
    }

    /** Decodes every {@code <digit>/<name>.bin} under {@code dir}; fails if there is none. */
    public static LabelledSamples load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("not a folder: " + dir);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> labelsDirs = Files.list(dir)) {
            for (Path labelDir : labelsDirs.filter(Files::isDirectory).sorted().toList()) {
                String name = labelDir.getFileName().toString();
                if (name.length() != 1 || !Character.isDigit(name.charAt(0))) continue;
                try (Stream<Path> f = Files.list(labelDir)) {
                    f.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bin"))
                            .filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        if (files.isEmpty()) throw new IOException("no <label>/<file>.bin samples under " + dir);
        files.sort(Comparator.comparing((Path p) -> p.getParent().getFileName().toString())
                .thenComparingLong(LabelledSamples::fileNumber).thenComparing(p -> p.getFileName().toString()));
        List<EventBatch> batches = new ArrayList<>();
        int[] labels = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i);
            labels[i] = p.getParent().getFileName().toString().charAt(0) - '0';
            batches.add(readAll(p));
        }
        return new LabelledSamples(files, batches, labels);
    }

    /** All events of one N-MNIST file in one batch sized to fit. */
    public static EventBatch readAll(Path file) throws IOException {
        int capacity = (int) Math.max(16, Files.size(file) / 5 + 1);
        EventBatch all = new EventBatch(capacity);
        EventBatch chunk = new EventBatch(Math.min(EventBatch.DEFAULT_CAPACITY, capacity));
        try (NmnistDecoder d = NmnistDecoder.open(file)) {
            while (d.read(chunk) > 0) {
                for (int i = 0; i < chunk.size(); i++) {
                    all.add(chunk.x()[i], chunk.y()[i], chunk.polarity()[i] != 0, chunk.tUs()[i]);
                }
            }
        }
        return all;
    }

    /**
     * The number a file name starts with ({@code 00042.bin} → 42), or {@link Long#MAX_VALUE} when it
     * starts otherwise: N-MNIST files sort by it, so {@code 2.bin} comes before {@code 10.bin}.
     */
    public static long fileNumber(Path p) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? name : name.substring(0, dot));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public int size() { return samples.size(); }
    public List<Path> paths() { return paths; }
    public List<EventBatch> samples() { return samples; }
    public int[] labels() { return labels.clone(); }
    public int label(int i) { return labels[i]; }

    /** The samples at the given indices, in that order. */
    public LabelledSamples subset(int[] indices) {
        List<Path> p = new ArrayList<>();
        List<EventBatch> s = new ArrayList<>();
        int[] l = new int[indices.length];
        for (int a = 0; a < indices.length; a++) {
            p.add(paths.get(indices[a]));
            s.add(samples.get(indices[a]));
            l[a] = labels[indices[a]];
        }
        return new LabelledSamples(p, s, l);
    }

    /** Total number of events over all samples. */
    public long events() {
        long n = 0;
        for (EventBatch b : samples) n += b.size();
        return n;
    }
}
