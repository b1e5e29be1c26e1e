package dev.engram.snn.events;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iniVation AEDAT 4.0 ({@code .aedat4}, dv-processing): the line "#!AER-DAT4.0\r\n", an int32 LE
 * IOHeader size and the IOHeader flatbuffer (compression, data-table position, an XML description of
 * the streams), then packets of int32 stream id, int32 byte size and a payload, optionally LZ4 (frame
 * format, linked or independent blocks) compressed. Payloads of event streams ("EVTS") are flatbuffer EventPackets: a vector of
 * 16-byte structs {int64 t µs (absolute), int16 x, int16 y, bool on, 3 padding}. Packets of other
 * streams (IMU, frames, triggers) are skipped unread; reading stops at the file data table.
 *
 * <p>Failure behaviour: a packet or header cut short by the end of the file ends the stream cleanly
 * with {@link #truncated()} set. A length that is negative or above {@value #MAX_PACKET_BYTES} bytes,
 * a payload that is not valid LZ4, a flatbuffer offset outside its payload, or a ZSTD-compressed file
 * raise {@link EventDecodeException} naming the byte offset of the packet.
 */
public final class Aedat4Decoder implements EventDecoder {
    static final byte[] MAGIC = "#!AER-DAT4.0\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Largest IOHeader accepted; real ones are a few KiB of XML. */
    static final int MAX_HEADER_BYTES = 16 << 20;
    /** Largest (compressed) packet accepted; dv-processing writes packets well under 1 MiB. */
    static final int MAX_PACKET_BYTES = 64 << 20;
    /** Largest decompressed packet accepted. */
    static final int MAX_PAYLOAD_BYTES = 256 << 20;
    private static final int EVENT_BYTES = 16;
    private static final Pattern STREAM_NODE = Pattern.compile("<node name=\"(\\d+)\" path=\"[^\"]*/outInfo/\\d+/\">");
    private static final Pattern TYPE_ID = Pattern.compile("key=\"typeIdentifier\"[^>]*>([^<]*)<");
    private static final Pattern SIZE_X = Pattern.compile("key=\"sizeX\"[^>]*>(\\d{1,6})<");
    private static final Pattern SIZE_Y = Pattern.compile("key=\"sizeY\"[^>]*>(\\d{1,6})<");

    private final InputStream in;
    private final String source;
    private final int compression;
    private final long dataTablePosition;
    /** Stream ids declared as EVTS; empty when the XML names none, then every packet is checked by its identifier. */
    private final Set<Integer> eventStreams = new HashSet<>();
    private int width = -1;
    private int height = -1;
    private long offset;
    private long packetOffset;
    private byte[] packet = new byte[64 * 1024];
    private byte[] payload = new byte[256 * 1024];
    private final Lz4FrameDecoder lz4 = new Lz4FrameDecoder(256 * 1024, MAX_PAYLOAD_BYTES);
    private int eventPos;
    private int eventEnd;
    private boolean finished;
    private String truncationDetail;

    public Aedat4Decoder(InputStream in, String source) throws IOException {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.source = source;
        byte[] magic = new byte[MAGIC.length];
        int got = readFully(magic, 0, magic.length);
        for (int i = 0; i < got; i++) {
            if (magic[i] != MAGIC[i]) throw new EventDecodeException(source, i, "not an AEDAT 4.0 file: bad magic line");
        }
        if (got < MAGIC.length) throw new EventDecodeException(source, got, "file ends inside the AEDAT 4.0 magic line");
        byte[] sizeBytes = new byte[4];
        if (readFully(sizeBytes, 0, 4) < 4) throw new EventDecodeException(source, offset, "file ends before the IOHeader size");
        int headerSize = (int) ChunkedDecoder.INT_LE.get(sizeBytes, 0);
        if (headerSize <= 0 || headerSize > MAX_HEADER_BYTES) {
            throw new EventDecodeException(source, offset - 4, "IOHeader size " + headerSize + " outside 1.." + MAX_HEADER_BYTES);
        }
        byte[] header = readGrowing(headerSize);
        if (header == null) throw new EventDecodeException(source, offset, "file ends inside the IOHeader");
        FlatBuffer fb = new FlatBuffer(header, headerSize, source, MAGIC.length + 4);
        int table = fb.rootTable(false);
        compression = fb.fieldPos(table, 0) < 0 ? 0 : fb.i32(fb.fieldPos(table, 0));
        dataTablePosition = fb.fieldPos(table, 1) < 0 ? -1 : fb.i64(fb.fieldPos(table, 1));
        if (compression > 2) {
            String name = compression <= 4 ? "ZSTD" : "unknown (" + compression + ")";
            throw new EventDecodeException(source, MAGIC.length + 4, "AEDAT 4 compression " + name + " is not supported (only none and LZ4)");
        }
        if (dataTablePosition >= 0 && dataTablePosition < offset) {
            throw new EventDecodeException(source, MAGIC.length + 4, "data table position " + dataTablePosition
                    + " lies inside the header, which ends at " + offset);
        }
        int info = fb.fieldPos(table, 2);
        if (info >= 0) parseInfoNode(fb.string(info));
    }

    public static Aedat4Decoder open(Path path) throws IOException {
        return ChunkedDecoder.openFile(path, Aedat4Decoder::new);
    }

    private void parseInfoNode(String xml) {
        Matcher m = STREAM_NODE.matcher(xml);
        int prevStart = -1;
        int prevId = -1;
        while (true) {
            boolean found = m.find();
            if (prevStart >= 0) describeStream(prevId, xml.substring(prevStart, found ? m.start() : xml.length()));
            if (!found) break;
            prevStart = m.end();
            prevId = Integer.parseInt(m.group(1).length() > 9 ? "-1" : m.group(1));
        }
    }

    private void describeStream(int id, String text) {
        Matcher type = TYPE_ID.matcher(text);
        if (!type.find() || !type.group(1).trim().equals("EVTS")) return;
        eventStreams.add(id);
        Matcher sx = SIZE_X.matcher(text);
        Matcher sy = SIZE_Y.matcher(text);
        if (width < 0 && sx.find() && sy.find()) {
            width = Integer.parseInt(sx.group(1));
            height = Integer.parseInt(sy.group(1));
        }
    }

    @Override
    public int read(EventBatch batch) throws IOException {
        batch.clear();
        batch.setGeometry(width, height);
        int[] xs = batch.x();
        int[] ys = batch.y();
        byte[] ps = batch.polarity();
        long[] ts = batch.tUs();
        int n = 0;
        final int cap = batch.capacity();
        while (n < cap) {
            if (eventPos >= eventEnd) {
                if (finished || !nextEventPacket()) break;
                continue;
            }
            final byte[] b = payload;
            int p = eventPos;
            int count = Math.min(cap - n, (eventEnd - p) / EVENT_BYTES);
            for (int i = 0; i < count; i++) {
                ts[n] = (long) ChunkedDecoder.LONG_LE.get(b, p);
                xs[n] = (short) ChunkedDecoder.SHORT_LE.get(b, p + 8);
                ys[n] = (short) ChunkedDecoder.SHORT_LE.get(b, p + 10);
                ps[n] = (byte) (b[p + 12] != 0 ? 1 : 0);
                n++;
                p += EVENT_BYTES;
            }
            eventPos = p;
        }
        batch.setSize(n);
        return n == 0 ? -1 : n;
    }

    /** Reads packets until one with events is decoded; false at the end of the stream. */
    private boolean nextEventPacket() throws IOException {
        while (true) {
            if (dataTablePosition >= 0 && offset >= dataTablePosition) return end(null);
            packetOffset = offset;
            byte[] head = new byte[8];
            int got = readFully(head, 0, 8);
            if (got == 0) return end(null);
            if (got < 8) return end("file ends inside a packet header at offset " + packetOffset);
            int streamId = (int) ChunkedDecoder.INT_LE.get(head, 0);
            int size = (int) ChunkedDecoder.INT_LE.get(head, 4);
            if (size < 0 || size > MAX_PACKET_BYTES) {
                throw new EventDecodeException(source, packetOffset, "packet size " + size + " outside 0.." + MAX_PACKET_BYTES);
            }
            if (dataTablePosition >= 0 && offset + size > dataTablePosition) {
                throw new EventDecodeException(source, packetOffset, "packet of " + size + " bytes runs into the file data table at "
                        + dataTablePosition);
            }
            boolean wanted = eventStreams.isEmpty() ? streamId >= 0 : eventStreams.contains(streamId);
            if (!wanted) {
                if (!skipFully(size)) return end("file ends inside a packet of stream " + streamId + " at offset " + packetOffset);
                continue;
            }
            got = readPacket(size);
            if (got < size) return end("file ends inside a packet of stream " + streamId + " at offset " + packetOffset
                    + " (" + got + " of " + size + " bytes)");
            int payloadLength = compression == 0 ? copyPayload(size) : decompress(size);
            decodeEventPacket(payloadLength, !eventStreams.isEmpty());
            if (eventEnd > eventPos) return true;
        }
    }

    private int copyPayload(int size) {
        if (payload.length < size) payload = new byte[size];
        System.arraycopy(packet, 0, payload, 0, size);
        return size;
    }

    private int decompress(int size) throws IOException {
        int len = lz4.decode(packet, size, source, packetOffset);
        payload = lz4.output();
        return len;
    }

    private void decodeEventPacket(int length, boolean declaredEvents) throws IOException {
        eventPos = 0;
        eventEnd = 0;
        FlatBuffer fb = new FlatBuffer(payload, length, source, packetOffset);
        boolean prefixed = length >= 8 && (fb.u32(0) == length - 4);
        int base = prefixed ? 4 : 0;
        boolean isEvts = length >= base + 8 && payload[base + 4] == 'E' && payload[base + 5] == 'V'
                && payload[base + 6] == 'T' && payload[base + 7] == 'S';
        if (!isEvts) {
            if (declaredEvents) throw new EventDecodeException(source, packetOffset, "event packet lacks the EVTS identifier");
            return;
        }
        int table = fb.rootTable(prefixed);
        int field = fb.fieldPos(table, 0);
        if (field < 0) return;
        int vector = fb.indirect(field);
        long count = fb.u32(vector);
        long available = (length - (long) vector - 4) / EVENT_BYTES;
        if (count > available) {
            throw new EventDecodeException(source, packetOffset, "event vector claims " + count + " events, payload holds " + available);
        }
        eventPos = vector + 4;
        eventEnd = eventPos + (int) count * EVENT_BYTES;
    }

    private boolean end(String truncation) {
        if (truncation != null && truncationDetail == null) truncationDetail = truncation;
        finished = true;
        return false;
    }

    private int readFully(byte[] dst, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = in.read(dst, off + total, len - total);
            if (r < 0) break;
            total += r;
        }
        offset += total;
        return total;
    }

    /**
     * Reads {@code size} bytes into {@link #packet}, growing it only as bytes arrive, so a size field
     * that lies about a short file costs no large allocation; returns the count read.
     */
    private int readPacket(int size) throws IOException {
        int got = 0;
        while (got < size) {
            if (got == packet.length) packet = java.util.Arrays.copyOf(packet, (int) Math.min((long) packet.length * 2, size));
            int want = Math.min(size, packet.length) - got;
            int r = readFully(packet, got, want);
            got += r;
            if (r < want) break;
        }
        return got;
    }

    /** Reads a declared length without trusting it: the array grows only as bytes actually arrive. */
    private byte[] readGrowing(int size) throws IOException {
        byte[] dst = new byte[Math.min(size, 1 << 20)];
        int got = 0;
        while (got < size) {
            if (got == dst.length) dst = java.util.Arrays.copyOf(dst, (int) Math.min((long) dst.length * 2, size));
            int r = readFully(dst, got, dst.length - got);
            got += r;
            if (got < dst.length) return null;
        }
        return dst;
    }

    private boolean skipFully(int size) throws IOException {
        byte[] scratch = packet;
        int left = size;
        while (left > 0) {
            int r = readFully(scratch, 0, Math.min(left, scratch.length));
            if (r == 0) return false;
            left -= r;
        }
        return true;
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT4;
    }

    @Override
    public int width() { return width; }

    @Override
    public int height() { return height; }

    @Override
    public boolean truncated() { return truncationDetail != null; }

    @Override
    public String truncationDetail() { return truncationDetail; }

    @Override
    public String source() { return source; }

    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }
}
