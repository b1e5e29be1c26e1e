package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.FileBytes;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.io.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Frames of a video file, decoded by FFmpeg (JavaCV) to packed RGB. Frame {@code i} is the
 * {@code i}-th decoded picture; a restored cursor reopens the file and decodes forward to its
 * position without emitting (decoding runs an order of magnitude faster than segmentation). The
 * video carries no masks: the split's mask folder annotates the frames it names (frame 0 at least,
 * or the operator dead-letters frames until an annotation arrives). Timestamps come from the
 * container.
 *
 * <p>Failure behaviour: a file FFmpeg cannot open fails the cursor's creation (the reader turns it
 * into one dead letter naming the file, and the stream ends); a frame that fails to decode becomes
 * a dead letter with its byte offset and up to 64 KiB of the file from there, and the stream goes on
 * (after {@value #MAX_CONSECUTIVE_FAILURES} failures in a row it ends, saying so in the last one).
 */
final class VideoCursor implements SplitCursor<LabeledFrame> {
    private static final int DEAD_LETTER_BYTES = 64 << 10;
    /** FFmpeg can fail forever at a damaged end of file; after this many failures in a row the stream ends. */
    static final int MAX_CONSECUTIVE_FAILURES = 25;

    private final StreamSplit split;
    private final FFmpegFrameGrabber grabber;
    private final AnnotationMasks masks;
    private final int width, height;
    private final double frameRate;
    private long position;
    private int failuresInRow;
    private boolean ended;

    VideoCursor(StreamSplit split) throws IOException {
        this.split = split;
        this.masks = new AnnotationMasks(split.masks());
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        grabber = new FFmpegFrameGrabber(split.location());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new BadInputException(split.location() + ": no video stream");
            }
        } catch (FrameGrabber.Exception e) {
            close();
            throw new BadInputException(split.location() + ": cannot open video (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        width = grabber.getImageWidth();
        height = grabber.getImageHeight();
        frameRate = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        for (long skip = split.position(); skip > 0 && !ended; skip--) {
            try {
                if (grabber.grabImage() == null) ended = true;
            } catch (FrameGrabber.Exception e) {
                // a frame that failed to decode still counts: it was emitted as a dead letter before the restore
            }
            position++;
        }
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        if (ended) return null;
        long index = position;
        org.bytedeco.javacv.Frame image;
        try {
            image = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            position++;
            DeadLetter d = undecodable(index, e);
            if (++failuresInRow >= MAX_CONSECUTIVE_FAILURES) {
                ended = true;
                d.reason += "; giving up after " + failuresInRow + " undecodable frames in a row";
            }
            return InputRecord.dead(d);
        }
        failuresInRow = 0;
        if (image == null) {
            ended = true;
            return null;
        }
        position++;
        Frame frame = new Frame(split.streamId(), index, width, height, rgb(image));
        long ts = grabber.getTimestamp();
        frame.timestampMs = ts > 0 ? ts / 1000 : Math.round(index * 1000 / frameRate);
        frame.origin = split.location() + " frame " + index;
        AnnotationMasks.Result a = masks.read(split.streamId(), index, width, height);
        if (a.mask() != null) frame.withAnnotation(a.mask());
        return InputRecord.withProblem(split.streamId(), LabeledFrame.of(frame), a.deadLetter());
    }

    private DeadLetter undecodable(long index, Exception e) {
        DeadLetter d = new DeadLetter(split.streamId(), index, split.location(), split.location() + " frame " + index
                + ": cannot decode (" + e.getMessage() + ")").at("source");
        long offset = -1;
        try {
            if (grabber.getFormatContext() != null && grabber.getFormatContext().pb() != null) {
                offset = grabber.getFormatContext().pb().pos();
            }
        } catch (RuntimeException unknown) {
            offset = -1;
        }
        if (offset >= 0) FileBytes.attach(d, split.location(), offset, DEAD_LETTER_BYTES);
        return d;
    }

    private byte[] rgb(org.bytedeco.javacv.Frame image) {
        ByteBuffer buffer = (ByteBuffer) image.image[0];
        int stride = image.imageStride;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) buffer.get(y * stride, rgb, y * width * 3, width * 3);
        return rgb;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(split.location() + ": cannot close video", e);
        }
    }
}
