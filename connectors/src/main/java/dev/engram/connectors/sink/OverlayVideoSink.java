package dev.engram.connectors.sink;

import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.io.MaskOverlay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Encodes, per stream, a preview video of the frames with their masks tinted in
 * ({@link MaskOverlay}) to {@code <root>/<stream>.mp4} ({@link Mp4Writer}). Needs frames that carry pixels (segmentation function with
 * {@code keepPixels(true)}); frames without pixels are skipped. Odd sizes are cropped to even.
 *
 * <p>Semantics: a preview, not exactly-once output. A restart (after a failure) reopens each video
 * from the restored position, so the file then holds only the frames since that restore; the mask
 * PNGs are the authoritative output. Each recorder is opened and closed by the writer that owns it;
 * an encoder error fails the task.
 */
public final class OverlayVideoSink implements Sink<SegmentedFrame> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final double frameRate;
    private final double alpha;

    public OverlayVideoSink(Path root, double frameRate, double alpha) {
        this.root = root.toString();
        this.frameRate = frameRate;
        this.alpha = alpha;
    }

    public static Path file(Path root, String streamId) {
        return root.resolve(streamId + ".mp4");
    }

    @Override
    public SinkWriter<SegmentedFrame> createWriter(WriterInitContext context) {
        return new Writer(Path.of(root), frameRate, alpha);
    }

    private static final class Writer implements SinkWriter<SegmentedFrame> {
        private final Path dir;
        private final double frameRate;
        private final double alpha;
        private final Map<String, Mp4Writer> videos = new HashMap<>();

        Writer(Path dir, double frameRate, double alpha) {
            this.dir = dir;
            this.frameRate = frameRate;
            this.alpha = alpha;
        }

        @Override
        public void write(SegmentedFrame r, Context ctx) throws IOException {
            if (r.rgb == null) return;
            Mp4Writer video = videos.get(r.streamId);
            if (video == null) {
                video = new Mp4Writer(file(dir, r.streamId), r.width, r.height, frameRate, 2_000_000);
                videos.put(r.streamId, video);
            }
            Frame frame = new Frame(r.streamId, r.index, r.width, r.height, r.rgb);
            video.write(MaskOverlay.tint(frame, r.maskAsMask(), alpha), r.width, r.index);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() throws Exception {
            Exception first = null;
            for (Mp4Writer video : videos.values()) {
                try {
                    video.close();
                } catch (Exception e) {
                    if (first == null) first = e;
                }
            }
            videos.clear();
            if (first != null) throw first;
        }
    }
}
