package dev.engram.connectors.source.events;

import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.events.EventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the event streams of a source inside the job: {@link #files} (a recording, or every recording
 * under a folder; in a {@code <digit>/<file>} layout such as N-MNIST's the digit is the stream's
 * label, as is the leading digit of a {@code {label}_{speaker}_{take}} name such as FSDD's), {@link #watch}
 * (a folder that keeps receiving recordings; a file joins once its size held
 * still for one interval), or {@link #synthetic} (emulated event cameras). A recording's stream id is
 * its file name for a single file and its path under the folder without extension otherwise.
 */
public final class EventDiscovery implements SplitDiscovery {
    private static final long serialVersionUID = 1L;

    private enum Mode { FILES, WATCH, SYNTHETIC }

    private final Mode mode;
    private final String location;
    private final String parameters;
    private final int streams;
    private final long seed;
    private final long limit;
    private final long intervalMs;
    private final String prefix;
    private transient Map<String, String> lastSignatures;

    private EventDiscovery(Mode mode, String location, String parameters, int streams, long seed, long limit, long intervalMs) {
        this(mode, location, parameters, streams, seed, limit, intervalMs, "");
    }

    private EventDiscovery(Mode mode, String location, String parameters, int streams, long seed, long limit, long intervalMs,
            String prefix) {
        this.prefix = prefix;
        this.mode = mode;
        this.location = location;
        this.parameters = parameters;
        this.streams = streams;
        this.seed = seed;
        this.limit = limit;
        this.intervalMs = intervalMs;
    }

    /** @param format a {@code --format} name ({@code auto} detects per file) */
    public static EventDiscovery files(Path input, String format, int chunkEvents) {
        return new EventDiscovery(Mode.FILES, abs(input), params(format, chunkEvents), 0, 0, -1, 0);
    }

    public static EventDiscovery watch(Path dir, String format, int chunkEvents, long intervalMs) {
        return new EventDiscovery(Mode.WATCH, abs(dir), params(format, chunkEvents), 0, 0, -1, intervalMs);
    }

    /** @param framesPerStream camera frames (40 ms each) per stream, or -1 for streams that never end */
    public static EventDiscovery synthetic(String prefix, int streams, long seed, int width, int height, long framesPerStream,
            double fps) {
        if (streams < 1) throw new IllegalArgumentException("synthetic source needs at least one stream, got " + streams);
        String p = "width=" + width + ";height=" + height + ";objects=2;fps=" + fps;
        return new EventDiscovery(Mode.SYNTHETIC, prefix, p, streams, seed, framesPerStream, 0);
    }

    /**
     * The same discovery with every recording's stream id prefixed (such as {@code audio/}), so two
     * sources of one job never share a stream id.
     */
    public EventDiscovery withStreamPrefix(String streamPrefix) {
        return new EventDiscovery(mode, location, parameters, streams, seed, limit, intervalMs, streamPrefix);
    }

    private static String params(String format, int chunkEvents) {
        EventFormat.fromName(format); // refuses an unknown name before the job starts
        if (chunkEvents < 16) throw new IllegalArgumentException("chunk size must be at least 16 events, got " + chunkEvents);
        return "format=" + format + ";chunk=" + chunkEvents;
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @Override
    public boolean bounded() {
        return mode == Mode.FILES || (mode == Mode.SYNTHETIC && limit >= 0);
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(mode == Mode.WATCH ? intervalMs : 60_000);
    }

    @Override
    public List<StreamSplit> discover(Set<String> known) throws IOException {
        List<StreamSplit> out = new ArrayList<>();
        switch (mode) {
            case FILES -> {
                Path input = Path.of(location);
                if (Files.isRegularFile(input)) {
                    out.add(recording(input, input.getFileName().toString(), -1));
                } else if (Files.isDirectory(input)) {
                    for (Listed f : list(input)) out.add(recording(f.path, f.streamId, f.label));
                    if (out.isEmpty()) throw new IOException(input + ": no event recordings in this folder");
                } else {
                    throw new IOException(input + ": no such file or folder");
                }
            }
            case WATCH -> {
                Path dir = Path.of(location);
                if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder");
                if (lastSignatures == null) lastSignatures = new HashMap<>();
                Map<String, String> now = new HashMap<>();
                for (Listed f : list(dir)) {
                    String sig = Files.size(f.path) + "@" + Files.getLastModifiedTime(f.path).toMillis();
                    now.put(f.streamId, sig);
                    if (sig.equals(lastSignatures.get(f.streamId))) out.add(recording(f.path, f.streamId, f.label));
                }
                lastSignatures = now;
            }
            case SYNTHETIC -> {
                for (int k = 0; k < streams; k++) {
                    out.add(new StreamSplit(prefix + location + "-" + k, SplitKind.SYNTHETIC_EVENTS, "synthetic-events", null, -1, limit,
                            parameters + ";seed=" + (seed + k), 0));
                }
            }
        }
        out.removeIf(s -> known.contains(s.streamId()));
        return out;
    }

    private StreamSplit recording(Path file, String streamId, int label) {
        return new StreamSplit(prefix + streamId, SplitKind.EVENT_RECORDING, file.toString(), null, label, -1, parameters, 0);
    }

    private record Listed(Path path, String streamId, int label) {}

    private static List<Listed> list(Path dir) throws IOException {
        Set<String> known = new TreeSet<>();
        for (EventFormat f : EventFormat.values()) known.addAll(f.extensions());
        known.add("raw");
        List<Listed> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path rel = dir.relativize(p);
                String relText = rel.toString().replace('\\', '/');
                if (relText.startsWith(".") || relText.startsWith("_") || relText.contains("/.")) continue;
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                int dot = lower.lastIndexOf('.');
                if (dot < 0 || !known.contains(lower.substring(dot + 1))) continue;
                String stem = relText.substring(0, relText.lastIndexOf('.'));
                out.add(new Listed(p, stem, LabelledSamples.labelOf(rel)));
            }
        }
        out.sort(Comparator.comparing((Listed l) -> l.path.getParent().toString())
                .thenComparingLong(l -> LabelledSamples.fileNumber(l.path)).thenComparing(l -> l.path.getFileName().toString()));
        return out;
    }
}
