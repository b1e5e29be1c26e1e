package dev.engram.connectors.events;

import dev.engram.operators.events.EventChunk;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventDecodeException;
import dev.engram.snn.events.EventDecoder;
import dev.engram.snn.events.EventFormat;
import dev.engram.snn.eval.LabelledSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Event recordings (one file, or every recording in a folder) as a bounded, checkpointable stream of
 * {@link EventChunk}s, in any format {@link EventFormat} decodes. Each file is its own stream
 * ({@code streamId} = the file name for a single file, the path under the folder without extension
 * otherwise). In a labelled folder laid out {@code <digit>/<file>} (N-MNIST's {@code Train}/{@code Test})
 * each chunk carries the digit as its label.
 *
 * <p>How it is checkpointable: {@link #plan} decodes every file once, counting the chunks each one
 * decodes into (decoding runs about a hundred times faster than the reservoir behind it, so this
 * costs about 1 % of a job); the source is a {@link DataGeneratorSource} over the global chunk index,
 * whose checkpoint is the next index. Record {@code i} is chunk {@code k} of file {@code f}: the
 * reader decodes each file sequentially and, after a restore, reopens the file and decodes forward
 * to chunk {@code k} (decoding is deterministic), so a restored job neither repeats nor loses events.
 * Run with parallelism 1 ({@link #stream}) so every file's chunks stay in order.
 *
 * <p>Failure behaviour: a missing input, an empty folder or a folder with no recordings throws
 * {@link IllegalArgumentException} naming it when planned. A file that cannot be opened or decoded
 * to its end (unknown format, truncated, corrupt structure) still yields the events decoded before
 * the problem; its last chunk carries the problem and the byte offset ({@link EventChunk#problem}),
 * which the reservoir operator turns into a dead letter. It never fails the job. A file that changed
 * between planning and reading ends where it now ends, with a problem saying so.
 */
public final class EventFileSource implements GeneratorFunction<Long, EventChunk> {
    private static final long serialVersionUID = 1L;
    private static final Pattern OFFSET = Pattern.compile("offset (\\d+)");

    private final ArrayList<PlannedFile> files;
    private final long[] firstChunk;
    private final int chunkEvents;

    private transient EventDecoder decoder;
    private transient EventBatch batch;
    private transient int openFile = -1;
    private transient long nextChunk;
    private transient boolean failed;

    private EventFileSource(List<PlannedFile> files, int chunkEvents) {
        this.files = new ArrayList<>(files);
        this.chunkEvents = chunkEvents;
        this.firstChunk = new long[files.size() + 1];
        for (int i = 0; i < files.size(); i++) firstChunk[i + 1] = firstChunk[i] + files.get(i).chunks();
    }

    /**
     * Plans {@code input}: a recording, or a folder of them (a {@code <digit>/<file>} layout gives
     * labels; otherwise every file with a known event extension, recursively). {@code format} is a
     * {@code --format} name ({@code auto} detects per file); {@code chunkEvents} is the chunk size.
     */
    public static EventFileSource plan(Path input, String format, int chunkEvents) {
        EventFormat.fromName(format); // refuses an unknown name before anything is read
        if (chunkEvents < 16) throw new IllegalArgumentException("chunk size must be at least 16 events, got " + chunkEvents);
        List<PlannedFile> planned = new ArrayList<>();
        if (Files.isRegularFile(input)) {
            planned.add(planFile(input, input.getFileName().toString(), -1, format, chunkEvents));
        } else if (Files.isDirectory(input)) {
            for (Listed f : list(input)) planned.add(planFile(f.path, f.streamId, f.label, format, chunkEvents));
            if (planned.isEmpty()) throw new IllegalArgumentException(input + ": no event recordings in this folder");
        } else {
            throw new IllegalArgumentException(input + ": no such file or folder");
        }
        return new EventFileSource(planned, chunkEvents);
    }

    public List<PlannedFile> files() { return List.copyOf(files); }

    /** Total chunks, i.e. records of the source. */
    public long chunks() { return firstChunk[files.size()]; }

    /** Total events over all files, as planned. */
    public long events() { return files.stream().mapToLong(PlannedFile::events).sum(); }

    private record Listed(Path path, String streamId, int label) {}

    private static List<Listed> list(Path dir) {
        Set<String> known = new TreeSet<>();
        for (EventFormat f : EventFormat.values()) known.addAll(f.extensions());
        known.add("raw");
        List<Listed> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                int dot = lower.lastIndexOf('.');
                if (name.startsWith(".") || dot < 0 || !known.contains(lower.substring(dot + 1))) continue;
                Path rel = dir.relativize(p);
                String relText = rel.toString().replace('\\', '/');
                String stem = relText.substring(0, relText.lastIndexOf('.'));
                int label = -1;
                if (rel.getNameCount() == 2) {
                    String parent = rel.getName(0).toString();
                    if (parent.length() == 1 && Character.isDigit(parent.charAt(0))) label = parent.charAt(0) - '0';
                }
                out.add(new Listed(p, stem, label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list folder", e);
        }
        out.sort(Comparator.comparing((Listed l) -> l.path.getParent().toString())
                .thenComparingLong(l -> LabelledSamples.fileNumber(l.path)).thenComparing(l -> l.path.getFileName().toString()));
        return out;
    }

    /** Decodes {@code path} once: chunks, events, sensor size and the problem that ends it, if any. */
    static PlannedFile planFile(Path path, String streamId, int label, String format, int chunkEvents) {
        EventBatch batch = new EventBatch(chunkEvents);
        int chunks = 0;
        long events = 0;
        int maxX = -1, maxY = -1, width = -1, height = -1;
        String problem = null;
        long offset = -1;
        try (EventDecoder d = EventDecoder.open(path, format)) {
            try {
                int n;
                while ((n = d.read(batch)) > 0) {
                    chunks++;
                    events += n;
                    int[] xs = batch.x(), ys = batch.y();
                    for (int i = 0; i < n; i++) {
                        if (xs[i] > maxX) maxX = xs[i];
                        if (ys[i] > maxY) maxY = ys[i];
                    }
                }
                if (d.truncated()) {
                    problem = "truncated: " + d.truncationDetail();
                    offset = offsetIn(d.truncationDetail());
                }
            } catch (EventDecodeException e) {
                problem = e.getMessage();
                offset = e.offset();
            }
            width = d.width() > 0 ? d.width() : maxX + 1;
            height = d.height() > 0 ? d.height() : maxY + 1;
        } catch (EventDecodeException e) {
            problem = e.getMessage();
            offset = e.offset();
        } catch (IOException | RuntimeException e) {
            problem = path + ": cannot read (" + e.getMessage() + ")";
        }
        return new PlannedFile(path.toString(), streamId, label, format, Math.max(1, chunks), events, width, height,
                problem, offset);
    }

    private static long offsetIn(String detail) {
        if (detail == null) return -1;
        Matcher m = OFFSET.matcher(detail);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        batch = new EventBatch(chunkEvents);
        openFile = -1;
    }

    @Override
    public EventChunk map(Long index) throws Exception {
        int f = Arrays.binarySearch(firstChunk, index);
        f = f >= 0 ? f : -f - 2;
        while (f + 1 < firstChunk.length && firstChunk[f + 1] == firstChunk[f]) f++; // files are never empty, but be safe
        PlannedFile file = files.get(f);
        long k = index - firstChunk[f];
        boolean last = k == file.chunks() - 1;
        if (openFile != f || nextChunk > k) reopen(f);
        EventChunk chunk = null;
        while (nextChunk <= k) {
            int n = readNext(file);
            if (nextChunk == k) {
                chunk = EventChunk.of(file.streamId(), file.path(), k, file.width(), file.height(),
                        batch.x(), batch.y(), batch.polarity(), batch.tUs(), Math.max(0, n));
            }
            nextChunk++;
        }
        chunk.label = file.label();
        if (last) {
            chunk.endOfFile = true;
            if (file.problem() != null) {
                chunk.problem = file.problem();
                chunk.problemOffset = file.problemOffset();
            } else if (failedNow != null) {
                chunk.problem = failedNow;
            }
            closeDecoder();
        } else if (failedNow != null && !reported) {
            chunk.problem = failedNow;
            reported = true;
        }
        return chunk;
    }

    private transient String failedNow;
    private transient boolean reported;

    /** Reads the next chunk of the open file into {@link #batch}; 0 when the file has ended (earlier than planned). */
    private int readNext(PlannedFile file) {
        batch.clear();
        if (decoder == null || failed) return 0;
        try {
            int n = decoder.read(batch);
            if (n > 0) return n;
        } catch (IOException e) {
            if (file.problem() == null) failedNow = file.path() + ": changed since it was planned: " + e.getMessage();
        }
        failed = true;
        if (file.problem() == null && failedNow == null && nextChunk < file.chunks() - 1) {
            failedNow = file.path() + ": changed since it was planned (ends after chunk " + nextChunk + " of " + file.chunks() + ")";
        }
        batch.clear();
        return 0;
    }

    private void reopen(int f) {
        closeDecoder();
        openFile = f;
        nextChunk = 0;
        failed = false;
        failedNow = null;
        reported = false;
        PlannedFile file = files.get(f);
        try {
            decoder = EventDecoder.open(Path.of(file.path()), file.format());
        } catch (IOException | RuntimeException e) {
            decoder = null;
            failed = true;
            if (file.problem() == null) failedNow = file.path() + ": cannot open any more: " + e.getMessage();
        }
    }

    private void closeDecoder() {
        if (decoder != null) {
            try {
                decoder.close();
            } catch (IOException ignored) {
                // a read-only file handle: nothing is lost by failing to close it
            }
        }
        decoder = null;
        openFile = -1;
    }

    @Override
    public void close() {
        closeDecoder();
    }

    /** The planned files as a bounded checkpointable source. */
    public DataGeneratorSource<EventChunk> source() {
        return new DataGeneratorSource<>(this, chunks(), TypeInformation.of(EventChunk.class));
    }

    /** Adds the source to {@code env} with parallelism 1, so each file's chunks arrive in order. */
    public DataStream<EventChunk> stream(StreamExecutionEnvironment env) {
        return env.fromSource(source(), WatermarkStrategy.noWatermarks(), "event-files").setParallelism(1);
    }
}
