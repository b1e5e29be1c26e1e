package dev.engram.jobs.kafka;

import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.reader.RatePacer;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.reader.SplitFormat;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.connectors.wire.EventRecords;
import dev.engram.connectors.wire.FrameRecords;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.events.EventChunk;
import dev.engram.snn.events.EventFormat;
import dev.engram.vos.Frame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts recordings on a topic in the wire format, reading them with the job's own sources (videos,
 * DAVIS folders, synthetic cameras, event recordings): per stream, a {@code MASK} record before each
 * annotated frame, its {@code FRAME}s (or {@code EVENTS} batches) in order, then {@code END}. Streams
 * are interleaved like cameras, {@link #MAX_OPEN} at a time, each paced at {@code rate} records per
 * second ({@code rate <= 0}: as fast as Kafka takes them). Capture times are the wall clock when a
 * record is sent. Input a source cannot decode is reported on {@code err} and skipped.
 */
public final class RecordingProducer {
    static final int MAX_OPEN = 16;

    public record Options(String topic, String stream, double rate, WireRecord.Encoding frameEncoding, WireRecord.Encoding maskEncoding) {}

    /** Records sent and inputs skipped. */
    public record Result(long records, long skipped, int streams) {}

    private final WireProducer producer;
    private final Options options;
    private final PrintWriter err;

    public RecordingProducer(WireProducer producer, Options options, PrintWriter err) {
        this.producer = producer;
        this.options = options;
        this.err = err;
    }

    /** Whether {@code path} holds event recordings (by their extensions) rather than frames. */
    public static boolean holdsEvents(Path path) throws IOException {
        Set<String> known = new HashSet<>();
        for (EventFormat f : EventFormat.values()) known.addAll(f.extensions());
        if (Files.isRegularFile(path)) return known.contains(extension(path));
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile).limit(200).anyMatch(p -> known.contains(extension(p)));
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public Result frames(SplitDiscovery discovery, SplitFormat<LabeledFrame> format) throws IOException, InterruptedException {
        return run(discovery, format, (stream, rec) -> {
            Frame f = rec.frame;
            f.streamId = stream;
            long now = System.currentTimeMillis();
            f.timestampMs = now;
            if (f.annotation != null) {
                producer.send(options.topic(), FrameRecords.mask(stream, f.index, f.annotation, options.maskEncoding()));
            }
            producer.send(options.topic(), FrameRecords.frame(f, options.frameEncoding()).captured(now * 1000));
        });
    }

    public Result events(SplitDiscovery discovery, SplitFormat<EventChunk> format) throws IOException, InterruptedException {
        return run(discovery, format, (stream, c) -> {
            if (c.size() > 0) {
                producer.send(options.topic(), EventRecords.events(stream, c.chunk, c.width, c.height, c.x, c.y, c.polarity, c.tUs, c.size())
                        .captured(System.currentTimeMillis() * 1000));
            }
            if (c.problem != null) err.println("engram: " + c.origin + ": " + c.problem + " (the events before byte " + c.problemOffset + " were sent)");
        });
    }

    private interface Emit<T> {
        void accept(String stream, T record) throws IOException;
    }

    private <T> Result run(SplitDiscovery discovery, SplitFormat<T> format, Emit<T> emit) throws IOException, InterruptedException {
        List<StreamSplit> splits = discovery.discover(Set.of());
        if (options.stream() != null && splits.size() != 1) {
            throw new IllegalArgumentException("--stream renames one stream, but the input holds " + splits.size());
        }
        long skipped = 0;
        for (int from = 0; from < splits.size(); from += MAX_OPEN) {
            List<Open<T>> open = new ArrayList<>();
            for (StreamSplit s : splits.subList(from, Math.min(splits.size(), from + MAX_OPEN))) {
                open.add(new Open<>(options.stream() != null ? options.stream() : s.streamId(), format.open(s), new RatePacer(options.rate(), 0),
                        s.limit()));
            }
            try {
                while (!open.isEmpty()) {
                    long wait = Long.MAX_VALUE;
                    for (var it = open.iterator(); it.hasNext(); ) {
                        Open<T> o = it.next();
                        long due = Math.max(o.pacer.nanosUntil(o.sent), o.cursor.nanosUntilNext());
                        if (due > 0) {
                            wait = Math.min(wait, due);
                            continue;
                        }
                        // a split's limit is the reader's to enforce, as in the job's own source reader
                        InputRecord<T> r = o.limit >= 0 && o.cursor.position() >= o.limit ? null : o.cursor.next();
                        if (r == null) {
                            producer.send(options.topic(), new WireRecord(WireRecord.Kind.END, o.stream, o.sent));
                            o.cursor.close();
                            it.remove();
                            continue;
                        }
                        if (r.health != null) { // a live camera's health stays with the producer
                            wait = Math.min(wait, 5_000_000);
                            continue;
                        }
                        o.sent++;
                        if (r.deadLetter != null) {
                            skipped++;
                            err.println("engram: skipped " + r.deadLetter.origin + ": " + r.deadLetter.reason);
                        }
                        if (r.value != null) emit.accept(o.stream, r.value);
                        wait = 0;
                    }
                    if (wait > 0 && wait != Long.MAX_VALUE) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } finally {
                for (Open<T> o : open) o.cursor.close();
            }
        }
        producer.flush();
        return new Result(producer.sent(), skipped, splits.size());
    }

    private static final class Open<T> {
        final String stream;
        final SplitCursor<T> cursor;
        final RatePacer pacer;
        final long limit;
        long sent;

        Open(String stream, SplitCursor<T> cursor, RatePacer pacer, long limit) {
            this.stream = stream;
            this.cursor = cursor;
            this.pacer = pacer;
            this.limit = limit;
        }
    }
}
