package dev.engram.connectors.wire;

import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.BadInputException;
import dev.engram.vos.io.ImageFiles;
import dev.engram.vos.io.MaskFiles;

/** Frames and masks as {@code FRAME} and {@code MASK} records, and back. */
public final class FrameRecords {
    /** JPEG quality of frames put on a topic. */
    public static final float JPEG_QUALITY = 0.9f;

    private FrameRecords() {}

    /** {@code frame} as a FRAME record: JPEG (the default: a raw 854×480 frame is above Kafka's 1 MiB record limit), PNG or RGB8. */
    public static WireRecord frame(Frame frame, Encoding encoding) {
        byte[] payload = switch (encoding) {
            case JPEG -> ImageFiles.encodeJpeg(frame.rgb, frame.width, frame.height, JPEG_QUALITY);
            case RGB8 -> frame.rgb;
            case PNG -> ImageFiles.encodePng(frame.rgb, frame.width, frame.height);
            default -> throw new IllegalArgumentException("frames travel as JPEG, PNG or RGB8, not " + encoding);
        };
        return new WireRecord(Kind.FRAME, frame.streamId, frame.index).captured(frame.timestampMs * 1000)
                .payload(encoding, frame.width, frame.height, payload);
    }

    /** {@code mask} as a MASK record for frame {@code frameIndex}: a palette PNG or run-length ids. */
    public static WireRecord mask(String stream, long frameIndex, Mask mask, Encoding encoding) {
        byte[] payload = switch (encoding) {
            case PNG -> MaskFiles.encodePng(mask);
            case MASK_RLE -> MaskRuns.encode(mask.ids);
            case GRAY8 -> mask.ids;
            default -> throw new IllegalArgumentException("masks travel as PNG, MASK_RLE or GRAY8, not " + encoding);
        };
        return new WireRecord(Kind.MASK, stream, frameIndex).payload(encoding, mask.width, mask.height, payload);
    }

    /**
     * The frame of a FRAME record; its size must match the header's when the header states one.
     *
     * @throws WireFormatException when the payload does not decode to a frame of the stated size
     */
    public static Frame toFrame(WireRecord r, String origin) throws WireFormatException {
        Frame f;
        switch (r.encoding) {
            case RGB8 -> f = new Frame(r.streamId, r.sequence, r.width, r.height, r.payload);
            case GRAY8 -> {
                byte[] rgb = new byte[r.payload.length * 3];
                for (int i = 0; i < r.payload.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = r.payload[i];
                f = new Frame(r.streamId, r.sequence, r.width, r.height, rgb);
            }
            case JPEG, PNG -> {
                try {
                    f = ImageFiles.decodeFrame(r.payload, origin, r.streamId, r.sequence);
                } catch (BadInputException e) {
                    throw new WireFormatException(e.getMessage());
                }
                if ((r.width != 0 || r.height != 0) && (f.width != r.width || f.height != r.height)) {
                    throw new WireFormatException("frame " + r.sequence + " decodes to " + f.width + "x" + f.height + " but its record says "
                            + r.width + "x" + r.height);
                }
            }
            default -> throw new WireFormatException("a FRAME record carries JPEG, PNG, RGB8 or GRAY8, not " + r.encoding);
        }
        f.timestampMs = r.captureTimeUs < 0 ? -1 : r.captureTimeUs / 1000;
        return f.withOrigin(origin);
    }

    /** The mask of a MASK record (its header gives the frame size). */
    public static Mask toMask(WireRecord r, String origin) throws WireFormatException {
        if (r.width <= 0 || r.height <= 0) throw new WireFormatException("a MASK record needs the frame size, got " + r.width + "x" + r.height);
        switch (r.encoding) {
            case MASK_RLE:
                return new Mask(r.width, r.height, MaskRuns.decode(r));
            case GRAY8:
                return new Mask(r.width, r.height, r.payload.clone());
            case PNG:
                try {
                    return MaskFiles.decode(r.payload, origin, r.width, r.height);
                } catch (BadInputException e) {
                    throw new WireFormatException(e.getMessage());
                }
            default:
                throw new WireFormatException("a MASK record carries PNG, MASK_RLE or GRAY8, not " + r.encoding);
        }
    }
}
