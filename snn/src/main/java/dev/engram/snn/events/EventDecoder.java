package dev.engram.snn.events;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A streaming decoder of one event recording. It reads its source in chunks and never holds more
 * than one chunk (about 1 MiB, or one AEDAT 4 packet) besides the caller's batch, so recordings of any
 * size decode in constant memory.
 *
 * <p>Failure behaviour, shared by every format:
 * <ul>
 *   <li>A file cut short (mid-event, mid-packet, mid-header) ends the stream cleanly after the last
 *       whole event; {@link #truncated()} then returns true and {@link #truncationDetail()} says where.</li>
 *   <li>Structure that cannot be decoded (a bad magic, an impossible length, a broken compressed
 *       packet) raises an {@link EventDecodeException} naming the source and byte offset; events
 *       already delivered stay valid.</li>
 *   <li>Every length read from a file is checked against the bytes that remain and a fixed maximum,
 *       so damaged input cannot make a decoder allocate without bound or loop forever.</li>
 * </ul>
 */
public interface EventDecoder extends Closeable {

    /** Opens a recording, detecting its format with {@link EventFormat#detect(Path)}. */
    static EventDecoder open(Path path) throws IOException {
        return EventFormat.detect(path).open(path);
    }

    /**
     * Opens a recording with a format name as on the command line ({@code auto}, {@code nmnist},
     * {@code evt2}, {@code evt3}, {@code dat}, {@code aedat4}, {@code es}, {@code csv}, {@code wav}, {@code pcm}).
     */
    static EventDecoder open(Path path, String formatName) throws IOException {
        return open(path, formatName, dev.engram.snn.audio.CochleaOptions.defaults());
    }

    /** As {@link #open(Path, String)}; audio runs through a cochlea with {@code cochlea} options. */
    static EventDecoder open(Path path, String formatName, dev.engram.snn.OptionSet cochlea) throws IOException {
        EventFormat format = EventFormat.fromName(formatName).orElse(null);
        return (format == null ? EventFormat.detect(path) : format).open(path, cochlea);
    }

    EventFormat format();

    /** Sensor width in pixels, or -1 when the recording does not say. */
    int width();

    /** Sensor height in pixels, or -1 when the recording does not say. */
    int height();

    /**
     * Clears {@code batch} and fills it with the next events, at most its capacity.
     *
     * @return the number of events now in the batch (at least 1), or -1 at the end of the recording
     */
    int read(EventBatch batch) throws IOException;

    /** True once the end was reached in the middle of an event, packet or header. */
    boolean truncated();

    /** Where and how the recording was cut short, or null when it was not. */
    String truncationDetail();

    /** Name of the source, used in messages. */
    String source();
}
