package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the frame streams of a VOS source inside the job:
 * <ul>
 *   <li>{@link #files}: a video file (one stream named after it), a DAVIS-layout folder (one stream
 *       per sequence: {@code <seq>/frames} + {@code <seq>/masks}, or {@code JPEGImages/480p} +
 *       {@code Annotations/480p}), or a folder of videos (one stream per file);</li>
 *   <li>{@link #watch}: a folder that keeps receiving videos and sequence folders; an entry joins
 *       once its size held still for one interval, and every entry joins once;</li>
 *   <li>{@link #synthetic}: N seeded synthetic cameras {@code <prefix>-0 … <prefix>-(N-1)}.</li>
 * </ul>
 * A masks folder gives each stream {@code <masks>/<stream>/} as its annotation folder. A frame limit
 * caps every stream; a stream filter keeps only the named streams.
 */
public final class FrameDiscovery implements SplitDiscovery {
    private static final long serialVersionUID = 1L;
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "avi", "mkv", "mov", "webm", "m4v", "mpg", "mpeg", "ts", "flv", "wmv", "mjpeg");

    private enum Mode { FILES, WATCH, SYNTHETIC, EXPLICIT }

    private final Mode mode;
    private final String location;
    private final String masks;
    private final long limit;
    private final Set<String> only;
    /** Synthetic cameras: prefix, then parameters per camera with {@code %d} standing for its seed. */
    private final String syntheticPrefix;
    private final String syntheticParameters;
    private final long syntheticSeed;
    private final int syntheticStreams;
    private final long watchIntervalMs;
    private final List<StreamSplit> explicit;
    private transient Map<String, String> lastSignatures;

    private FrameDiscovery(Mode mode, String location, String masks, long limit, Set<String> only, String syntheticPrefix,
            String syntheticParameters, long syntheticSeed, int syntheticStreams, long watchIntervalMs) {
        this.mode = mode;
        this.location = location;
        this.masks = masks;
        this.limit = limit;
        this.only = only == null ? null : Set.copyOf(only);
        this.syntheticPrefix = syntheticPrefix;
        this.syntheticParameters = syntheticParameters;
        this.syntheticSeed = syntheticSeed;
        this.syntheticStreams = syntheticStreams;
        this.watchIntervalMs = watchIntervalMs;
        this.explicit = List.of();
    }

    private FrameDiscovery(List<StreamSplit> splits, String masks, long limit) {
        this.mode = Mode.EXPLICIT;
        this.location = "explicit";
        this.masks = masks;
        this.limit = limit;
        this.only = null;
        this.syntheticPrefix = null;
        this.syntheticParameters = null;
        this.syntheticSeed = 0;
        this.syntheticStreams = 0;
        this.watchIntervalMs = 0;
        this.explicit = List.copyOf(splits);
    }

    /** Given videos, each its own stream, stream ids given by the caller (unique). */
    public static FrameDiscovery videos(Map<String, Path> videosById, Path masks, long limit) {
        List<StreamSplit> splits = new ArrayList<>();
        for (Map.Entry<String, Path> e : videosById.entrySet()) splits.add(StreamSplit.of(e.getKey(), SplitKind.VIDEO, abs(e.getValue())));
        return new FrameDiscovery(splits, masks == null ? null : abs(masks), limit);
    }

    /**
     * One long stream made of the DAVIS sequence {@code sequence} under {@code root} played forward and
     * backward (ground truth on every frame), {@code frames} long: the long-stream benchmark input.
     */
    public static FrameDiscovery looped(Path root, String sequence, String streamId, long frames) {
        StreamSplit s = new StreamSplit(streamId, SplitKind.LOOPED_SEQUENCE, abs(root), null, -1, -1, "sequence=" + sequence, 0);
        return new FrameDiscovery(List.of(s), null, frames);
    }

    /**
     * One stream of the drifting synthetic scene ({@code DriftingScene}) from frame {@code start}
     * (annotated there) up to frame {@code frames - 1}: the never-returning long-stream benchmark input.
     */
    public static FrameDiscovery drifting(String streamId, long seed, int width, int height, long start, long frames) {
        StreamSplit s = new StreamSplit(streamId, SplitKind.SYNTHETIC_DRIFT, "synthetic-drift", null, -1, -1,
                "seed=" + seed + ";width=" + width + ";height=" + height + ";start=" + start, start);
        return new FrameDiscovery(List.of(s), null, frames);
    }

    /** A video, a DAVIS folder or a folder of videos, read once. */
    public static FrameDiscovery files(Path path, Path masks, long limit, Set<String> only) {
        return new FrameDiscovery(Mode.FILES, abs(path), masks == null ? null : abs(masks), limit, only, null, null, 0, 0, 0);
    }

    /** A folder watched for new videos and sequence folders. */
    public static FrameDiscovery watch(Path dir, Path masks, long limit, long intervalMs) {
        return new FrameDiscovery(Mode.WATCH, abs(dir), masks == null ? null : abs(masks), limit, null, null, null, 0, 0, intervalMs);
    }

    /**
     * {@code streams} synthetic cameras; camera {@code k} is {@code <prefix>-k} with seed {@code seed + k}.
     *
     * @param framesPerStream frames per camera, or -1 for cameras that never stop
     * @param fps frames per second each camera delivers (0 = as fast as the job takes them)
     */
    public static FrameDiscovery synthetic(String prefix, int streams, long seed, int width, int height, int objects,
            long framesPerStream, double fps) {
        if (streams < 1) throw new IllegalArgumentException("synthetic source needs at least one stream, got " + streams);
        String params = "seed=%d;width=" + width + ";height=" + height + ";objects=" + objects + ";fps=" + fps;
        return new FrameDiscovery(Mode.SYNTHETIC, "synthetic:" + streams, null, framesPerStream, null, prefix, params, seed,
                streams, 0);
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @Override
    public boolean bounded() {
        return mode == Mode.FILES || mode == Mode.EXPLICIT || (mode == Mode.SYNTHETIC && limit >= 0);
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(mode == Mode.WATCH ? watchIntervalMs : 60_000);
    }

    @Override
    public List<StreamSplit> discover(Set<String> known) throws IOException {
        List<StreamSplit> found = switch (mode) {
            case FILES -> files(Path.of(location));
            case WATCH -> watched(Path.of(location));
            case SYNTHETIC -> synthetic();
            case EXPLICIT -> explicit;
        };
        List<StreamSplit> out = new ArrayList<>();
        for (StreamSplit s : found) {
            if (known.contains(s.streamId()) || (only != null && !only.contains(s.streamId()))) continue;
            if (masks != null) s = s.withMasks(Path.of(masks).resolve(s.streamId()).toString());
            if (limit >= 0) s = s.withLimit(limit);
            out.add(s);
        }
        return out;
    }

    private List<StreamSplit> synthetic() {
        List<StreamSplit> out = new ArrayList<>();
        for (int k = 0; k < syntheticStreams; k++) {
            String p = String.format(Locale.ROOT, syntheticParameters, syntheticSeed + k);
            out.add(new StreamSplit(syntheticPrefix + "-" + k, SplitKind.SYNTHETIC_CAMERA, location, null, -1, -1, p, 0));
        }
        return out;
    }

    private static List<StreamSplit> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) return List.of(video(path));
        if (!Files.isDirectory(path)) throw new IOException(path + ": no such file or folder");
        if (isDavis(path)) return sequences(path);
        List<StreamSplit> out = new ArrayList<>();
        for (Path f : list(path)) if (Files.isRegularFile(f) && isVideo(f)) out.add(video(f));
        if (out.isEmpty()) throw new IOException(path + ": neither a DAVIS-layout folder nor a folder of videos");
        return out;
    }

    private List<StreamSplit> watched(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder");
        if (lastSignatures == null) lastSignatures = new HashMap<>();
        Map<String, String> now = new HashMap<>();
        List<StreamSplit> out = new ArrayList<>();
        for (Path entry : list(dir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("_")) continue;
            boolean video = Files.isRegularFile(entry) && isVideo(entry);
            boolean sequence = Files.isDirectory(entry.resolve("frames"));
            if (!video && !sequence) continue;
            String signature = signature(entry);
            now.put(name, signature);
            if (!signature.equals(lastSignatures.get(name))) continue; // still being written
            if (video) out.add(video(entry));
            else out.add(new StreamSplit(name, SplitKind.IMAGE_SEQUENCE, dir.toString(), null, -1, -1, "sequence=" + name, 0));
        }
        lastSignatures = now;
        return out;
    }

    private static String signature(Path entry) throws IOException {
        if (Files.isRegularFile(entry)) return Files.size(entry) + "@" + Files.getLastModifiedTime(entry).toMillis();
        long[] sum = new long[3];
        try (Stream<Path> walk = Files.walk(entry)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                sum[0]++;
                sum[1] += Files.size(p);
                sum[2] = Math.max(sum[2], Files.getLastModifiedTime(p).toMillis());
            }
        }
        return sum[0] + "/" + sum[1] + "@" + sum[2];
    }

    private static boolean isDavis(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("JPEGImages")) || Files.isDirectory(dir.resolve("frames"))) return true;
        for (Path p : list(dir)) if (Files.isDirectory(p.resolve("frames"))) return true;
        return false;
    }

    private static List<StreamSplit> sequences(Path root) {
        List<StreamSplit> out = new ArrayList<>();
        for (DavisSequence s : DavisFolder.discover(root)) {
            out.add(new StreamSplit(s.name(), SplitKind.IMAGE_SEQUENCE, root.toString(), null, -1, -1, "sequence=" + s.name(), 0));
        }
        return out;
    }

    private static StreamSplit video(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return StreamSplit.of(dot > 0 ? name.substring(0, dot) : name, SplitKind.VIDEO, file.toString());
    }

    private static boolean isVideo(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
