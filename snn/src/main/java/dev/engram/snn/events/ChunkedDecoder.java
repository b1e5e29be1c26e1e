package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Base of the decoders that walk a byte stream through one reusable chunk buffer. Subclasses decode
 * straight from {@link #buf} between {@link #pos} and {@link #lim}, calling {@link #ensure(int)} when
 * fewer bytes remain than one record needs.
 *
 * <p>Each subclass keeps its own batch loop ({@code while (n < cap) { ensure or finishAtEnd; decode the
 * chunk }}) on purpose: with the loop moved here behind a per-chunk decode call, or the end-of-stream
 * branch behind a shared helper, the JIT compiled the hot loops worse and EVT2, EVT3 and Event Stream
 * decoding lost 5-13 % in thread CPU time.
 */
abstract class ChunkedDecoder implements EventDecoder {
    static final int CHUNK_BYTES = 1 << 20;
    /** Longest '%' or '#' header line accepted; real headers have lines under 200 bytes. */
    static final int MAX_HEADER_LINE = 64 * 1024;
    /** Longest text header accepted in total. */
    static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;

    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final String source;
    protected final byte[] buf;
    protected int pos;
    protected int lim;
    /** File offset of {@code buf[0]}. */
    protected long bufStart;
    private boolean eof;
    /** Set by subclasses once no more events can come. */
    protected boolean finished;
    private String truncationDetail;
    protected int width = -1;
    protected int height = -1;

    ChunkedDecoder(InputStream in, String source) {
        this(in, source, CHUNK_BYTES);
    }

    ChunkedDecoder(InputStream in, String source, int chunkBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(source, "source");
        this.buf = new byte[chunkBytes];
    }

    /** A decoder constructor that reads its header from the stream, so it may fail. */
    @FunctionalInterface
    interface StreamConstructor<D extends EventDecoder> {
        D create(InputStream in, String source) throws IOException;
    }

    /** Opens {@code path} with {@code constructor}, closing the file again when the constructor fails. */
    static <D extends EventDecoder> D openFile(Path path, StreamConstructor<D> constructor) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return constructor.create(in, path.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public final int read(EventBatch batch) throws IOException {
        batch.clear();
        batch.setGeometry(width, height);
        if (finished) return -1;
        decodeInto(batch);
        int n = batch.size();
        return n == 0 && finished ? -1 : n;
    }

    /**
     * Appends events to {@code batch} until it is full or the stream ends; at the end sets
     * {@link #finished}. Must make progress: either add an event, consume bytes or finish.
     */
    protected abstract void decodeInto(EventBatch batch) throws IOException;

    /**
     * Makes at least {@code n} bytes available from {@link #pos} (n at most the chunk size), reading
     * more when needed.
     *
     * @return false when the stream ended first; the remaining bytes stay in place
     */
    protected final boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (n > buf.length) throw new IllegalStateException("record of " + n + " bytes exceeds the chunk");
        if (pos > 0) {
            int rem = lim - pos;
            System.arraycopy(buf, pos, buf, 0, rem);
            bufStart += pos;
            pos = 0;
            lim = rem;
        }
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) eof = true;
            else lim += r;
        }
        return lim >= n;
    }

    protected final long offset(int bufPos) {
        return bufStart + bufPos;
    }

    protected final void markTruncated(String detail) {
        if (truncationDetail == null) truncationDetail = detail;
    }

    /** Ends the stream; trailing bytes shorter than one record mean the file was cut. */
    protected final void finishAtEnd(int recordBytes, String recordName) {
        int rem = lim - pos;
        if (rem > 0) {
            markTruncated(rem + " trailing byte(s) at offset " + offset(pos) + " do not make a whole "
                    + recordBytes + "-byte " + recordName);
            pos = lim;
        }
        finished = true;
    }

    protected final EventDecodeException error(long offset, String problem) {
        return new EventDecodeException(source, offset, problem);
    }

    /**
     * Reads text header lines that start with {@code marker} ('%' for Prophesee, '#' for AEDAT 2).
     * The binary part starts at the first byte after the last such line. A header cut mid-line
     * marks the stream truncated.
     */
    protected final List<String> readHeaderLines(byte marker) throws IOException {
        List<String> lines = new ArrayList<>();
        long headerStart = offset(pos);
        while (true) {
            if (!ensure(1)) return lines;
            if (buf[pos] != marker) return lines;
            if (offset(pos) - headerStart > MAX_HEADER_BYTES) {
                throw error(offset(pos), "text header longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int nl = -1;
            int scanned = 0;
            while (nl < 0) {
                for (int i = pos + scanned; i < lim; i++) {
                    if (buf[i] == '\n') { nl = i; break; }
                }
                if (nl >= 0) break;
                scanned = lim - pos;
                if (scanned > MAX_HEADER_LINE) {
                    throw error(offset(pos), "header line longer than " + MAX_HEADER_LINE + " bytes (no newline)");
                }
                if (!ensure(scanned + 1)) {
                    markTruncated("file ends inside a header line at offset " + offset(pos));
                    pos = lim;
                    finished = true;
                    return lines;
                }
            }
            int end = nl;
            if (end > pos && buf[end - 1] == '\r') end--;
            lines.add(new String(buf, pos + 1, end - pos - 1, StandardCharsets.ISO_8859_1).trim());
            pos = nl + 1;
        }
    }

    /** Reads a Prophesee '%' text header and takes the sensor size from it (-1 when it has none). */
    protected final void readPropheseeHeader() throws IOException {
        PropheseeHeader header = PropheseeHeader.parse(readHeaderLines((byte) '%'));
        width = header.width();
        height = header.height();
    }

    @Override
    public final boolean truncated() {
        return truncationDetail != null;
    }

    @Override
    public final String truncationDetail() {
        return truncationDetail;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }
}
