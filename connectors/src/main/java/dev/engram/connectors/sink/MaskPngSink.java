package dev.engram.connectors.sink;

import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes every segmented frame's mask as a DAVIS palette PNG (pixel value = object id) at
 * {@code <root>/<stream>/<index, 5 digits>.png}.
 *
 * <p>Semantics: each file is replaced atomically, and a frame always maps to the same file, so
 * frames replayed after a restore overwrite their earlier output with identical content: the
 * folder ends up exactly as after an uninterrupted run (idempotent at-least-once). Failure
 * behaviour: an I/O error fails the task (the restart strategy applies).
 */
public final class MaskPngSink implements Sink<SegmentedFrame> {
    private static final long serialVersionUID = 1L;

    private final String root;

    public MaskPngSink(Path root) {
        this.root = root.toString();
    }

    /** The file a frame's mask is written to. */
    public static Path file(Path root, String streamId, long index) {
        return root.resolve(streamId).resolve(String.format("%05d.png", index));
    }

    @Override
    public SinkWriter<SegmentedFrame> createWriter(WriterInitContext context) {
        Path dir = Path.of(root);
        return new SinkWriter<>() {
            @Override
            public void write(SegmentedFrame frame, Context ctx) throws IOException {
                AtomicFiles.replace(file(dir, frame.streamId, frame.index), MaskFiles.encodePng(frame.maskAsMask()));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
