package dev.engram.connectors.source.frames;

import dev.engram.vos.io.BadInputException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * What a local command may learn about a video before it starts a job: frame size and rate. It plans
 * nothing (the job's source reads the video itself); it lets a command refuse options that cannot
 * segment frames of that size, or write an overlay at the video's own rate.
 */
public record VideoProbe(int width, int height, double frameRate) {
    /** @throws BadInputException naming the file when FFmpeg cannot open it or it has no video stream */
    public static VideoProbe of(Path video) {
        if (!java.nio.file.Files.isRegularFile(video)) throw new BadInputException(video + ": no such video file");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) throw new BadInputException(video + ": no video stream");
            VideoProbe p = new VideoProbe(g.getImageWidth(), g.getImageHeight(), g.getFrameRate() > 0 ? g.getFrameRate() : 25);
            g.stop();
            return p;
        } catch (FrameGrabber.Exception e) {
            throw new BadInputException(video + ": cannot open video (" + e.getMessage() + ")", e);
        }
    }
}
