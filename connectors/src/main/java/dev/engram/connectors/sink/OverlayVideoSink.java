package dev.engram.connectors.sink;

import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.io.MaskOverlay;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes, per stream, a preview video of the frames with their masks tinted in
 * ({@link MaskOverlay}) to {@code <root>/<stream>.mp4} (MPEG-4 Part 2, codec {@code mpeg4}; this
 * FFmpeg build has no libx264). Needs frames that carry pixels (segmentation function with
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
        private final Map<String, FFmpegFrameRecorder> recorders = new HashMap<>();

        Writer(Path dir, double frameRate, double alpha) {
            this.dir = dir;
            this.frameRate = frameRate;
            this.alpha = alpha;
        }

        @Override
        public void write(SegmentedFrame r, Context ctx) throws IOException {
            if (r.rgb == null) return;
            int w = r.width & ~1, h = r.height & ~1;
            FFmpegFrameRecorder recorder = recorders.get(r.streamId);
            if (recorder == null) {
                recorder = open(file(dir, r.streamId), w, h);
                recorders.put(r.streamId, recorder);
            }
            Frame frame = new Frame(r.streamId, r.index, r.width, r.height, r.rgb);
            byte[] tinted = MaskOverlay.tint(frame, r.maskAsMask(), alpha);
            org.bytedeco.javacv.Frame image = new org.bytedeco.javacv.Frame(w, h, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            ByteBuffer buffer = (ByteBuffer) image.image[0];
            for (int y = 0; y < h; y++) buffer.put(y * image.imageStride, tinted, y * r.width * 3, w * 3);
            try {
                recorder.record(image, avutil.AV_PIX_FMT_RGB24);
            } catch (FrameRecorder.Exception e) {
                throw new IOException(file(dir, r.streamId) + ": cannot encode frame " + r.index + " (" + e.getMessage() + ")", e);
            } finally {
                image.close();
            }
        }

        private FFmpegFrameRecorder open(Path file, int w, int h) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // FFmpeg prints each output's format at INFO level to stderr, in the middle of the CLI's output.
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(frameRate);
            recorder.setVideoBitrate(2_000_000);
            try {
                recorder.start();
            } catch (FrameRecorder.Exception e) {
                throw new IOException(file + ": cannot open video for writing (" + e.getMessage() + ")", e);
            }
            return recorder;
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() throws Exception {
            Exception first = null;
            for (FFmpegFrameRecorder recorder : recorders.values()) {
                try {
                    recorder.close();
                } catch (Exception e) {
                    if (first == null) first = e;
                }
            }
            recorders.clear();
            if (first != null) throw first;
        }
    }
}
