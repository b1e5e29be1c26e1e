package dev.engram.connectors.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.wire.WireRecord.Encoding;

/**
 * Engram's wire format, version 1: one record per Kafka value, big-endian, documented field by field
 * in the README ("Wire format") so producers and consumers in any language can follow it.
 *
 * <pre>
 * offset size  field
 *  0     4     magic "EGRM" (0x45 0x47 0x52 0x4D)
 *  4     1     version (1)
 *  5     1     kind      (1 FRAME, 2 MASK, 3 EVENTS, 4 RESULT, 5 SUMMARY, 6 HEALTH, 7 DEAD_LETTER, 8 END)
 *  6     1     encoding  (0 NONE, 1 JPEG, 2 PNG, 3 RGB8, 4 EVENTS_SOA, 5 JSON, 6 MASK_RLE, 7 GRAY8)
 *  7     1     reserved, 0
 *  8     8     sequence (i64): frame index, event-batch number
 * 16     8     capture time (i64): microseconds since the Unix epoch, -1 = unknown
 * 24     4     width (u32), 0 when not an image
 * 28     4     height (u32)
 * 32     2     stream id length S (u16, 1..1024), then S bytes of UTF-8
 *  ..    4     metadata length M (u32), then M bytes of UTF-8 JSON (an object; M = 0: none)
 *  ..    4     payload length P (u32), then P bytes
 * </pre>
 *
 * <p>Decoding is strict: a record of another magic or version, an unknown kind or encoding, lengths
 * that disagree with the record's size, trailing bytes, or a payload inconsistent with its encoding
 * (raw pixels not width × height × 3, events arrays of the wrong length or outside the sensor) are
 * refused with a {@link WireFormatException} that names the problem; nothing is guessed.
 */
public final class WireFormat {
    public static final int MAGIC = 0x4547524D;
    public static final int VERSION = 1;
    static final int HEADER = 34;
    static final int MAX_STREAM_ID = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {}

    public static byte[] encode(WireRecord r) {
        if (r.kind == null || r.streamId == null || r.streamId.isEmpty()) throw new IllegalArgumentException("a record needs a kind and a stream id: " + r);
        byte[] stream = r.streamId.getBytes(StandardCharsets.UTF_8);
        if (stream.length > MAX_STREAM_ID) throw new IllegalArgumentException("stream id longer than " + MAX_STREAM_ID + " bytes: " + r.streamId);
        byte[] meta = (r.metadata == null ? "" : r.metadata).getBytes(StandardCharsets.UTF_8);
        byte[] payload = r.payload == null ? new byte[0] : r.payload;
        Encoding enc = r.encoding == null ? Encoding.NONE : r.encoding;
        ByteBuffer b = ByteBuffer.allocate(HEADER + stream.length + 4 + meta.length + 4 + payload.length);
        b.putInt(MAGIC).put((byte) VERSION).put((byte) r.kind.code).put((byte) enc.code).put((byte) 0);
        b.putLong(r.sequence).putLong(r.captureTimeUs).putInt(r.width).putInt(r.height);
        b.putShort((short) stream.length).put(stream);
        b.putInt(meta.length).put(meta);
        b.putInt(payload.length).put(payload);
        return b.array();
    }

    /** Decodes and checks one record; {@link WireFormatException} says what is wrong. */
    public static WireRecord decode(byte[] bytes) throws WireFormatException {
        if (bytes == null) throw new WireFormatException("no bytes (a null record value)");
        if (bytes.length < HEADER) throw new WireFormatException("truncated: " + bytes.length + " bytes, a record header has " + HEADER);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt();
        if (magic != MAGIC) throw new WireFormatException(String.format("not an Engram record: magic 0x%08X, expected 0x%08X (\"EGRM\")", magic, MAGIC));
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new WireFormatException("unsupported wire-format version " + version + " (this build reads version " + VERSION + ")");
        }
        int kindCode = b.get() & 0xFF, encCode = b.get() & 0xFF;
        b.get();
        WireRecord.Kind kind = WireRecord.Kind.of(kindCode);
        if (kind == null) throw new WireFormatException("unknown record kind " + kindCode);
        Encoding enc = Encoding.of(encCode);
        if (enc == null) throw new WireFormatException("unknown payload encoding " + encCode);
        WireRecord r = new WireRecord();
        r.kind = kind;
        r.encoding = enc;
        r.sequence = b.getLong();
        r.captureTimeUs = b.getLong();
        long width = Integer.toUnsignedLong(b.getInt()), height = Integer.toUnsignedLong(b.getInt());
        if (width > 1 << 16 || height > 1 << 16) throw new WireFormatException("image size " + width + "x" + height + " is beyond 65536x65536");
        r.width = (int) width;
        r.height = (int) height;
        try {
            int s = b.getShort() & 0xFFFF;
            if (s == 0 || s > MAX_STREAM_ID) throw new WireFormatException("stream id length " + s + " (1.." + MAX_STREAM_ID + ")");
            r.streamId = utf8(bytes, b.position(), s, "stream id");
            b.position(b.position() + s);
            int m = length(b, "metadata");
            r.metadata = utf8(bytes, b.position(), m, "metadata");
            b.position(b.position() + m);
            int p = length(b, "payload");
            r.payload = new byte[p];
            b.get(r.payload);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new WireFormatException("truncated: the record ends inside its header");
        }
        if (b.hasRemaining()) throw new WireFormatException(b.remaining() + " bytes after the payload (lengths do not add up)");
        checkMetadata(r.metadata);
        checkPayload(r);
        return r;
    }

    private static int length(ByteBuffer b, String what) throws WireFormatException {
        long n = Integer.toUnsignedLong(b.getInt());
        if (n > b.remaining()) throw new WireFormatException("truncated: " + what + " length " + n + " but " + b.remaining() + " bytes remain");
        return (int) n;
    }

    private static String utf8(byte[] bytes, int offset, int length, String what) throws WireFormatException {
        if (offset + length > bytes.length) throw new WireFormatException("truncated: " + what + " runs past the record");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(what + " is not valid UTF-8");
        }
    }

    private static void checkMetadata(String metadata) throws WireFormatException {
        if (metadata.isEmpty()) return;
        try {
            if (!JSON.readTree(metadata).isObject()) throw new WireFormatException("metadata is JSON but not an object");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WireFormatException("metadata is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void checkPayload(WireRecord r) throws WireFormatException {
        long pixels = (long) r.width * r.height;
        switch (r.encoding) {
            case RGB8 -> {
                if (pixels == 0 || r.payload.length != pixels * 3) {
                    throw new WireFormatException("RGB8 payload of " + r.payload.length + " bytes for " + r.width + "x" + r.height
                            + " (expected " + pixels * 3 + ")");
                }
            }
            case GRAY8 -> {
                if (pixels == 0 || r.payload.length != pixels) {
                    throw new WireFormatException("GRAY8 payload of " + r.payload.length + " bytes for " + r.width + "x" + r.height
                            + " (expected " + pixels + ")");
                }
            }
            case EVENTS_SOA -> EventsPayload.check(r);
            case MASK_RLE -> MaskRuns.check(r);
            default -> { }
        }
    }

}
