package dev.engram.snn.eval;

import dev.engram.snn.OptionSet;
import dev.engram.snn.audio.CochleaOptions;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventDecoder;
import dev.engram.snn.events.EventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Labelled event recordings held in memory, decoded once. A folder holds them in either layout:
 * {@code <label>/<file>} (N-MNIST's; labels are single-digit folder names) or files named
 * {@code {label}_{speaker}_{take}.<ext>} (the Free Spoken Digit Dataset's), in any format the decoders
 * read ({@code .bin} digits, {@code .wav} audio through the cochlea emulator, …); other folders and
 * files are ignored. A file name of the second form also gives the sample's group (the speaker), so
 * speakers can be held out. Samples are ordered by label, then group, then the number in the file
 * name, so runs are reproducible.
 *
 * <p>The sensor size is the largest any sample's decoder states (or, where a file states none, its
 * largest coordinate + 1). A file cut short contributes the events before the cut; a file that
 * cannot be decoded fails the load with an {@link IOException} naming it.
 */
public final class LabelledSamples {
    /** {@code {label}_{speaker}_{take}}: FSDD's names. */
    private static final Pattern SPOKEN = Pattern.compile("(\\d)_([A-Za-z][A-Za-z0-9-]*)_(\\d+)");

    private final List<Path> paths;
    private final List<EventBatch> samples;
    private final int[] labels;
    private final String[] groups;
    private final int width;
    private final int height;

    public LabelledSamples(List<Path> paths, List<EventBatch> samples, int[] labels, String[] groups, int width, int height) {
        if (paths.size() != samples.size() || samples.size() != labels.length || labels.length != groups.length) {
            throw new IllegalArgumentException("paths, samples, labels and groups differ in length");
        }
        this.paths = List.copyOf(paths);
        this.samples = List.copyOf(samples);
        this.labels = labels.clone();
        this.groups = groups.clone();
        this.width = width;
        this.height = height;
    }

    /** Decodes every labelled recording under {@code dir} (audio with the default cochlea options). */
    public static LabelledSamples load(Path dir) throws IOException {
        return load(dir, CochleaOptions.defaults());
    }

    /** Decodes every labelled recording under {@code dir}; audio runs through a cochlea with {@code cochlea} options. */
    public static LabelledSamples load(Path dir, OptionSet cochlea) throws IOException {
        List<Path> files = list(dir);
        if (files.isEmpty()) throw new IOException("no labelled recordings (<label>/<file> or {label}_{speaker}_{take}.<ext>) under " + dir);
        List<EventBatch> batches = new ArrayList<>();
        int[] labels = new int[files.size()];
        String[] groups = new String[files.size()];
        int w = 0, h = 0;
        int[] size = new int[2];
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i);
            labels[i] = labelOf(dir.relativize(p));
            groups[i] = groupOf(p);
            batches.add(readAll(p, cochlea, size));
            w = Math.max(w, size[0]);
            h = Math.max(h, size[1]);
        }
        return new LabelledSamples(files, batches, labels, groups, w, h);
    }

    /** The labelled recordings under {@code dir} in sample order (label, group, number, name). */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("not a folder: " + dir);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (isRecording(p) && labelOf(dir.relativize(p)) >= 0) files.add(p);
            }
        }
        files.sort(Comparator.comparingInt((Path p) -> labelOf(dir.relativize(p)))
                .thenComparing(p -> String.valueOf(groupOf(p)))
                .thenComparingLong(LabelledSamples::fileNumber)
                .thenComparing(p -> p.getFileName().toString()));
        return files;
    }

    private static boolean isRecording(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) return false;
        int dot = name.lastIndexOf('.');
        if (dot < 0) return false;
        String ext = name.substring(dot + 1);
        for (EventFormat f : EventFormat.values()) if (f.extensions().contains(ext)) return true;
        return false;
    }

    /**
     * The label of a recording from its path relative to the folder: the single-digit folder it sits
     * in ({@code 7/60001.bin}), else the leading digit of a {@code {label}_{speaker}_{take}} name;
     * -1 when neither applies.
     */
    public static int labelOf(Path relative) {
        if (relative.getNameCount() == 2) {
            String parent = relative.getName(0).toString();
            if (parent.length() == 1 && Character.isDigit(parent.charAt(0))) return parent.charAt(0) - '0';
        }
        if (relative.getNameCount() <= 2) {
            Matcher m = SPOKEN.matcher(stem(relative));
            if (m.matches()) return m.group(1).charAt(0) - '0';
        }
        return -1;
    }

    /** The speaker of a {@code {label}_{speaker}_{take}} file name, or null. */
    public static String groupOf(Path file) {
        Matcher m = SPOKEN.matcher(stem(file));
        return m.matches() ? m.group(2) : null;
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** All events of one recording, any format (audio with the default cochlea options), in one batch sized to fit. */
    public static EventBatch readAll(Path file) throws IOException {
        return readAll(file, CochleaOptions.defaults(), new int[2]);
    }

    /** As {@link #readAll(Path)} with the given cochlea options. */
    public static EventBatch readAll(Path file, OptionSet cochlea) throws IOException {
        return readAll(file, cochlea, new int[2]);
    }

    /** Reads all events; {@code size} receives the sensor width and height (stated, else largest coordinate + 1). */
    private static EventBatch readAll(Path file, OptionSet cochlea, int[] size) throws IOException {
        int n = 0;
        int[] xs = new int[1024], ys = new int[1024];
        byte[] ps = new byte[1024];
        long[] ts = new long[1024];
        int maxX = -1, maxY = -1;
        try (EventDecoder d = EventDecoder.open(file, "auto", cochlea)) {
            EventBatch chunk = new EventBatch(EventBatch.DEFAULT_CAPACITY);
            while (d.read(chunk) > 0) {
                int k = chunk.size();
                if (n + k > xs.length) {
                    int grown = Math.max(n + k, 2 * xs.length);
                    xs = Arrays.copyOf(xs, grown);
                    ys = Arrays.copyOf(ys, grown);
                    ps = Arrays.copyOf(ps, grown);
                    ts = Arrays.copyOf(ts, grown);
                }
                System.arraycopy(chunk.x(), 0, xs, n, k);
                System.arraycopy(chunk.y(), 0, ys, n, k);
                System.arraycopy(chunk.polarity(), 0, ps, n, k);
                System.arraycopy(chunk.tUs(), 0, ts, n, k);
                for (int i = n; i < n + k; i++) {
                    if (xs[i] > maxX) maxX = xs[i];
                    if (ys[i] > maxY) maxY = ys[i];
                }
                n += k;
            }
            size[0] = d.width() > 0 ? d.width() : maxX + 1;
            size[1] = d.height() > 0 ? d.height() : maxY + 1;
        }
        EventBatch all = new EventBatch(Math.max(16, n));
        for (int i = 0; i < n; i++) all.add(xs[i], ys[i], ps[i] != 0, ts[i]);
        return all;
    }

    /**
     * The last number in a file name ({@code 00042.bin} → 42, {@code 3_theo_17.wav} → 17), or
     * {@link Long#MAX_VALUE} when it has none: files sort by it, so {@code 2.bin} comes before {@code 10.bin}.
     */
    public static long fileNumber(Path p) {
        String stem = stem(p);
        int end = stem.length();
        while (end > 0 && !Character.isDigit(stem.charAt(end - 1))) end--;
        int start = end;
        while (start > 0 && Character.isDigit(stem.charAt(start - 1))) start--;
        if (start == end || end - start > 18) return Long.MAX_VALUE;
        return Long.parseLong(stem.substring(start, end));
    }

    public int size() { return samples.size(); }
    public List<Path> paths() { return paths; }
    public List<EventBatch> samples() { return samples; }
    public int[] labels() { return labels.clone(); }
    public int label(int i) { return labels[i]; }

    /** Group (speaker) of each sample; null entries where the file name gives none. */
    public String[] groups() { return groups.clone(); }

    /** Whether every sample has a group. */
    public boolean grouped() {
        for (String g : groups) if (g == null) return false;
        return groups.length > 0;
    }

    /** Sensor width: the largest stated by any sample (frequency channels for audio). */
    public int width() { return width; }

    /** Sensor height: the largest stated by any sample (1 for audio). */
    public int height() { return height; }

    /** The samples at the given indices, in that order. */
    public LabelledSamples subset(int[] indices) {
        List<Path> p = new ArrayList<>();
        List<EventBatch> s = new ArrayList<>();
        int[] l = new int[indices.length];
        String[] g = new String[indices.length];
        for (int a = 0; a < indices.length; a++) {
            p.add(paths.get(indices[a]));
            s.add(samples.get(indices[a]));
            l[a] = labels[indices[a]];
            g[a] = groups[indices[a]];
        }
        return new LabelledSamples(p, s, l, g, width, height);
    }

    /** Total number of events over all samples. */
    public long events() {
        long n = 0;
        for (EventBatch b : samples) n += b.size();
        return n;
    }
}
