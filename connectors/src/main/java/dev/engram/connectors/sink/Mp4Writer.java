package dev.engram.connectors.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes packed RGB frames to an MP4 file (MPEG-4 Part 2, codec {@code mpeg4}: this FFmpeg build has
 * no libx264). Odd sizes are cropped to even, which the encoder needs. Not thread-safe.
 */
public final class Mp4Writer implements AutoCloseable {
    private final Path file;
    private final int width, height;
    private final FFmpegFrameRecorder recorder;

    /** @throws IOException naming the file when it cannot be created or the encoder refuses it */
    public Mp4Writer(Path file, int width, int height, double frameRate, int bitRate) throws IOException {
        this.file = file;
        this.width = width & ~1;
        this.height = height & ~1;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        // FFmpeg prints each output's format at INFO level to stderr, in the middle of the CLI's output.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        recorder = new FFmpegFrameRecorder(file.toFile(), this.width, this.height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setVideoBitrate(bitRate);
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            recorder.close();
            throw new IOException(file + ": cannot open video for writing (" + e.getMessage() + ")", e);
        }
    }

    /** Appends one frame of {@code frameWidth} packed RGB pixels per row (cropped to the video's even size). */
    public void write(byte[] rgb, int frameWidth, long index) throws IOException {
        try (org.bytedeco.javacv.Frame image = new org.bytedeco.javacv.Frame(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
            ByteBuffer buffer = (ByteBuffer) image.image[0];
            for (int y = 0; y < height; y++) buffer.put(y * image.imageStride, rgb, y * frameWidth * 3, width * 3);
            recorder.record(image, avutil.AV_PIX_FMT_RGB24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot encode frame " + index + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot finish video (" + e.getMessage() + ")", e);
        }
    }
}
