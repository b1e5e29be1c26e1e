package dev.engram.connectors.wire;

import java.nio.charset.StandardCharsets;

/**
 * One record of Engram's wire format ({@link WireFormat}): what travels on a Kafka topic between
 * producers, jobs and consumers. The Kafka key of a record is its {@link #streamId} in UTF-8, so a
 * stream's records share a partition and keep their order.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class WireRecord {
    /** What a record carries; the numbers are the byte on the wire. */
    public enum Kind {
        /** A camera frame ({@code sequence} = frame index); image payload. */
        FRAME(1),
        /** Object ids of the frame {@code sequence}: starts objects (first mask) or adds objects that join later. */
        MASK(2),
        /** A batch of events ({@code sequence} = batch number); {@link Encoding#EVENTS_SOA} payload. */
        EVENTS(3),
        /** A job's result for one frame, window or batch; JSON metadata, a VOS mask as payload. */
        RESULT(4),
        /** A stream's running summary (JSON payload). */
        SUMMARY(5),
        /** A live source's health (JSON payload). */
        HEALTH(6),
        /** Input that was refused: reason and coordinates in the metadata, the original bytes as payload. */
        DEAD_LETTER(7),
        /** The stream has ended: no further records follow for it. */
        END(8);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            for (Kind k : values()) if (k.code == code) return k;
            return null;
        }
    }

    /** How the payload is encoded; the numbers are the byte on the wire. */
    public enum Encoding {
        NONE(0), JPEG(1), PNG(2),
        /** Interleaved 8-bit R, G, B, row-major: exactly width × height × 3 bytes. */
        RGB8(3),
        /** Events as struct of arrays: count, then x, y (u16), polarity (u8), time (i64 µs). */
        EVENTS_SOA(4),
        /** UTF-8 JSON. */
        JSON(5),
        /** Object ids, row-major, as runs: (run length u32, id u8) until width × height pixels. */
        MASK_RLE(6),
        /** One 8-bit gray value per pixel, row-major: exactly width × height bytes. */
        GRAY8(7);

        public final int code;

        Encoding(int code) {
            this.code = code;
        }

        static Encoding of(int code) {
            for (Encoding e : values()) if (e.code == code) return e;
            return null;
        }
    }

    public Kind kind;
    public String streamId;
    /** Frame index, event-batch number or result position in the stream. */
    public long sequence;
    /** Capture time in microseconds since the Unix epoch, or -1 when unknown. */
    public long captureTimeUs = -1;
    public Encoding encoding = Encoding.NONE;
    /** Image or sensor size; 0 when the payload is not an image or events. */
    public int width;
    public int height;
    /** A JSON object in UTF-8, or empty. */
    public String metadata = "";
    public byte[] payload = new byte[0];

    public WireRecord() {}

    public WireRecord(Kind kind, String streamId, long sequence) {
        this.kind = kind;
        this.streamId = streamId;
        this.sequence = sequence;
    }

    public WireRecord captured(long timeUs) {
        this.captureTimeUs = timeUs;
        return this;
    }

    public WireRecord payload(Encoding encoding, int width, int height, byte[] payload) {
        this.encoding = encoding;
        this.width = width;
        this.height = height;
        this.payload = payload == null ? new byte[0] : payload;
        return this;
    }

    public WireRecord metadata(String json) {
        this.metadata = json == null ? "" : json;
        return this;
    }

    /** The Kafka key: the stream id in UTF-8. */
    public byte[] key() {
        return streamId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WireRecord{" + kind + " " + streamId + "#" + sequence + ", " + encoding + " " + width + "x" + height
                + ", " + (payload == null ? 0 : payload.length) + " B}";
    }
}
