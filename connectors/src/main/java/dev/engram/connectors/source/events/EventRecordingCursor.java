package dev.engram.connectors.source.events;

import dev.engram.connectors.source.reader.FileBytes;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventDecodeException;
import dev.engram.snn.events.EventDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event recording in chunks of at most {@code chunk} events (split parameters {@code format},
 * default {@code auto}, and {@code chunk}), decoded as it is read. Record {@code i} is chunk {@code i};
 * a restored cursor decodes forward to its position without emitting (decoding is deterministic and
 * about a hundred times faster than the reservoir behind it). The sensor size is the one the file
 * states, else the largest coordinates seen + 1 (found by one decoding pass when the cursor opens).
 *
 * <p>Failure behaviour: a file that cannot be opened, or whose decoding stops early (truncated,
 * corrupt structure), ends its stream with an empty chunk carrying the {@link EventChunk#problem}
 * (so a sample can be dropped) and then a dead letter with the reason, the byte offset and up to
 * 64 KiB of the file from there. The events before the problem are delivered.
 */
final class EventRecordingCursor implements SplitCursor<EventChunk> {
    private static final int DEAD_LETTER_BYTES = 64 << 10;
    private static final Pattern OFFSET = Pattern.compile("offset (\\d+)");

    private final StreamSplit split;
    private final String format;
    private final EventBatch batch;
    private EventDecoder decoder;
    private int width = -1, height = -1;
    private String problem;
    private long problemOffset = -1;
    private int stage; // 0 reading, 1 problem chunk emitted, 2 dead letter emitted, 3 ended
    private long position;

    EventRecordingCursor(StreamSplit split) throws IOException {
        this.split = split;
        this.format = split.parameter("format", "auto");
        this.batch = new EventBatch(Integer.parseInt(split.parameter("chunk", "65536")));
        try {
            decoder = EventDecoder.open(Path.of(split.location()), format);
            width = decoder.width();
            height = decoder.height();
            if (width <= 0 || height <= 0) measureSensor();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        for (long skip = split.position(); skip > 0; skip--) {
            if (next() == null) break;
        }
    }

    /** One decoding pass for the sensor size of a recording that does not state it. */
    private void measureSensor() throws IOException {
        int maxX = -1, maxY = -1;
        EventBatch scan = new EventBatch(batch.capacity());
        try (EventDecoder d = EventDecoder.open(Path.of(split.location()), format)) {
            while (d.read(scan) > 0) {
                int n = scan.size();
                int[] xs = scan.x(), ys = scan.y();
                for (int i = 0; i < n; i++) {
                    if (xs[i] > maxX) maxX = xs[i];
                    if (ys[i] > maxY) maxY = ys[i];
                }
            }
        } catch (EventDecodeException damaged) {
            // the reading pass reports it; the size seen so far is the best there is
        }
        width = maxX + 1;
        height = maxY + 1;
    }

    private void fail(Exception e) {
        problem = e.getMessage() == null ? e.toString() : e.getMessage();
        problemOffset = e instanceof EventDecodeException d ? d.offset() : -1;
        closeDecoder();
    }

    @Override
    public InputRecord<EventChunk> next() throws IOException {
        if (stage == 0 && problem == null) {
            try {
                batch.clear();
                int n = decoder.read(batch);
                if (n > 0) return chunk(n);
                if (decoder.truncated()) {
                    problem = "truncated: " + decoder.truncationDetail();
                    problemOffset = offsetIn(decoder.truncationDetail());
                }
            } catch (EventDecodeException e) {
                fail(e);
            }
            closeDecoder();
            if (problem == null) {
                stage = 3;
                return null;
            }
        }
        if (stage == 0) {
            stage = 1;
            EventChunk empty = EventChunk.of(split.streamId(), split.location(), position, width, height,
                    new int[0], new int[0], new byte[0], new long[0], 0);
            empty.label = split.label();
            empty.endOfFile = true;
            empty.problem = problem;
            empty.problemOffset = problemOffset;
            position++;
            return InputRecord.of(split.streamId(), empty);
        }
        if (stage == 1) {
            stage = 2;
            DeadLetter d = new DeadLetter(split.streamId(), position, split.location(),
                    split.location() + (problemOffset >= 0 ? " @ byte " + problemOffset : "") + ": " + problem).at("source");
            FileBytes.attach(d, split.location(), problemOffset, DEAD_LETTER_BYTES);
            position++;
            return InputRecord.dead(d);
        }
        stage = 3;
        return null;
    }

    private InputRecord<EventChunk> chunk(int n) {
        EventChunk c = EventChunk.of(split.streamId(), split.location(), position, width, height,
                batch.x(), batch.y(), batch.polarity(), batch.tUs(), n);
        c.label = split.label();
        position++;
        return InputRecord.of(split.streamId(), c);
    }

    private static long offsetIn(String detail) {
        if (detail == null) return -1;
        Matcher m = OFFSET.matcher(detail);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private void closeDecoder() {
        if (decoder != null) {
            try {
                decoder.close();
            } catch (IOException ignored) {
                // a read-only handle: nothing is lost by failing to close it
            }
        }
        decoder = null;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        closeDecoder();
    }
}
