package dev.engram.connectors.source;

import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.BadInputException;
import dev.engram.vos.io.MaskFiles;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One video file (anything FFmpeg decodes) as a bounded stream of {@link LabeledFrame}s, decoded with
 * JavaCV's {@link FFmpegFrameGrabber}. The user supplies the mask of the first frame, attached as its
 * annotation; there is no ground truth.
 *
 * <p>Record {@code i} is video frame {@code i}: the grabber reads sequentially and, after a restore,
 * reopens the file and skips to the requested frame, so replays are exact. The frame count is probed
 * when the source is built; if the container over-reports it, the missing tail frames are dropped
 * (see {@link #stream}).
 *
 * <p>Failure behaviour: a missing file, a file FFmpeg cannot open or that has no video stream, and a
 * first mask that is unreadable or of the wrong size throw {@link BadInputException} naming the file
 * when the source is built ({@link #open}), before any job runs. A job that combines several inputs
 * opens each one separately and leaves out (and reports) those that fail, so one bad video never
 * stops the other streams. A frame that fails to decode in the middle of the file becomes a frame
 * without pixels whose origin names the file, the frame and the decoder's message; the segmentation
 * operator turns it into a dead letter and the stream continues. A file that ends early just ends
 * the stream.
 */
public final class VideoFileSource implements GeneratorFunction<Long, LabeledFrame> {
    private static final long serialVersionUID = 1L;

    private final String video;
    private final String streamId;
    private final int width;
    private final int height;
    private final long frames;
    private final double frameRate;
    private final byte[] firstMask;
    private transient FFmpegFrameGrabber grabber;
    private transient long next;

    private VideoFileSource(String video, String streamId, int width, int height, long frames, double frameRate,
            byte[] firstMask) {
        this.video = video;
        this.streamId = streamId;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.frameRate = frameRate;
        this.firstMask = firstMask;
    }

    /** Probes {@code video} and reads {@code firstMask} at the video's size. */
    public static VideoFileSource open(Path video, Path firstMask, String streamId) {
        if (!Files.isRegularFile(video)) throw new BadInputException(video + ": no such video file");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // no INFO dump of the input format on stderr
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            int w = g.getImageWidth(), h = g.getImageHeight();
            if (w <= 0 || h <= 0) throw new BadInputException(video + ": no video stream");
            long n = g.getLengthInVideoFrames();
            if (n <= 0) throw new BadInputException(video + ": cannot tell the number of frames");
            Mask mask = MaskFiles.read(firstMask, w, h);
            double rate = g.getFrameRate() > 0 ? g.getFrameRate() : 25;
            g.stop();
            return new VideoFileSource(video.toString(), streamId, w, h, n, rate, mask.ids);
        } catch (FrameGrabber.Exception e) {
            throw new BadInputException(video + ": cannot open video (" + e.getMessage() + ")", e);
        }
    }

    public long frames() {
        return frames;
    }

    /** Frames per second the container reports (25 when it reports none). */
    public double frameRate() {
        return frameRate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        start();
    }

    private void start() throws FrameGrabber.Exception {
        grabber = new FFmpegFrameGrabber(video);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.start();
        next = 0;
    }

    @Override
    public LabeledFrame map(Long index) throws Exception {
        if (index < next) {
            grabber.close();
            start();
        }
        org.bytedeco.javacv.Frame image = null;
        try {
            while (next <= index) {
                image = grabber.grabImage();
                next++;
                if (image == null) return new LabeledFrame(null, null);
            }
        } catch (FrameGrabber.Exception e) {
            return LabeledFrame.of(undecodable(index, e));
        }
        Frame frame = new Frame(streamId, index, width, height, rgb(image));
        frame.timestampMs = Math.round(index * 1000 / frameRate);
        frame.origin = video + " frame " + index;
        if (index == 0) frame.withAnnotation(new Mask(width, height, firstMask.clone()));
        return LabeledFrame.of(frame);
    }

    /**
     * A frame without pixels whose origin says why: the segmentation operator rejects it as a dead
     * letter naming the file and frame, and the stream goes on with the next frame it can decode.
     */
    private Frame undecodable(long index, Exception e) {
        Frame frame = new Frame();
        frame.streamId = streamId;
        frame.index = index;
        frame.width = width;
        frame.height = height;
        frame.origin = video + " frame " + index + ", cannot decode: " + e.getMessage();
        return frame;
    }

    private byte[] rgb(org.bytedeco.javacv.Frame image) {
        ByteBuffer buffer = (ByteBuffer) image.image[0];
        int stride = image.imageStride;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) buffer.get(y * stride, rgb, y * width * 3, width * 3);
        return rgb;
    }

    @Override
    public void close() throws Exception {
        if (grabber != null) grabber.close();
    }

    /** The video as a stream, parallelism 1; frames past the real end of the file are dropped. */
    public DataStream<LabeledFrame> stream(StreamExecutionEnvironment env) {
        return stream(env, frames);
    }

    /** The first {@code limit} frames (at most the whole video) as a stream; see {@link #stream(StreamExecutionEnvironment)}. */
    public DataStream<LabeledFrame> stream(StreamExecutionEnvironment env, long limit) {
        return env.fromSource(new DataGeneratorSource<>(this, Math.min(frames, limit), TypeInformation.of(LabeledFrame.class)),
                        WatermarkStrategy.noWatermarks(), "video-" + streamId).setParallelism(1)
                .filter(f -> f.frame != null).name("drop-frames-past-end").setParallelism(1);
    }
}
