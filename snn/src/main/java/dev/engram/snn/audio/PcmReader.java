package dev.engram.snn.audio;

import dev.engram.snn.events.EventDecodeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streams audio samples out of a RIFF/WAVE file or raw PCM, mixed down to mono, as floats with full
 * scale 1. WAVE: integer PCM of 8 (unsigned), 16, 24 or 32 bits, IEEE float of 32 or 64 bits, plain
 * or as WAVE_FORMAT_EXTENSIBLE, any channel count; chunks other than {@code fmt } and {@code data} are
 * skipped. Raw: 16-bit little-endian mono at a given rate. Memory: one 64 KiB read buffer.
 *
 * <p>Failure behaviour, as the event decoders: a header that is not RIFF/WAVE, an unsupported
 * encoding, an implausible format chunk or a {@code data} chunk before {@code fmt } raise an
 * {@link EventDecodeException} naming the source and byte offset. A file cut short (inside the
 * header, before the size its {@code data} chunk declares, or mid-frame) ends cleanly after the last
 * whole frame with {@link #truncated()} set; a declared size of 0 or 0xFFFFFFFF (a stream whose writer
 * did not know its length) means "to the end of the file".
 */
public final class PcmReader implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_CHANNELS = 64;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long bufStart;
    private boolean eof;

    private int sampleRate;
    private int channels;
    private int bits;
    private boolean floating;
    private int frameBytes;
    /** Bytes of sample data left per the header, or -1 to the end of the file. */
    private long dataLeft = -1;
    private long dataDeclared = -1;
    private long dataStart;
    private boolean finished;
    private String truncation;

    private PcmReader(InputStream in, String source) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Reads a WAVE header from {@code in}; the stream is then positioned at the first sample. */
    public static PcmReader wav(InputStream in, String source) throws IOException {
        PcmReader r = new PcmReader(in, source);
        r.readWavHeader();
        return r;
    }

    /** Raw 16-bit little-endian mono samples at {@code sampleRate} Hz. */
    public static PcmReader raw16(InputStream in, String source, int sampleRate) {
        if (sampleRate < 1) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        PcmReader r = new PcmReader(in, source);
        r.sampleRate = sampleRate;
        r.channels = 1;
        r.bits = 16;
        r.frameBytes = 2;
        return r;
    }

    public int sampleRate() { return sampleRate; }
    public int channels() { return channels; }
    public int bitsPerSample() { return bits; }
    public boolean floating() { return floating; }
    public String source() { return source; }

    /** True once the file ended before its header, its declared data or a whole frame did. */
    public boolean truncated() { return truncation != null; }

    /** Where and how the file was cut short, or null. */
    public String truncationDetail() { return truncation; }

    private boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) eof = true;
            else lim += r;
        }
        return lim - pos >= n;
    }

    private long offset() { return bufStart + pos; }

    private int le32(int p) {
        return (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 3] & 0xFF) << 24;
    }

    private int le16(int p) {
        return (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
    }

    private String fourCc(int p) {
        return new String(buf, p, 4, StandardCharsets.ISO_8859_1);
    }

    private EventDecodeException error(long offset, String problem) {
        return new EventDecodeException(source, offset, problem);
    }

    private void cut(String detail) {
        if (truncation == null) truncation = detail;
        finished = true;
    }

    private void readWavHeader() throws IOException {
        if (!ensure(12)) {
            if (lim >= 4 && !fourCc(0).equals("RIFF")) throw error(0, "not a WAV file: no RIFF header");
            cut("file ends inside the RIFF header at offset 0 (" + lim + " bytes)");
            return;
        }
        if (!fourCc(0).equals("RIFF")) throw error(0, "not a WAV file: no RIFF header");
        if (!fourCc(8).equals("WAVE")) throw error(8, "RIFF file of type '" + printable(fourCc(8)) + "' is not WAVE audio");
        pos = 12;
        boolean haveFormat = false;
        while (true) {
            if (!ensure(8)) {
                cut(haveFormat ? "file ends before the data chunk at offset " + offset() : "file ends before the fmt chunk at offset " + offset());
                return;
            }
            String id = fourCc(pos);
            long size = le32(pos + 4) & 0xFFFF_FFFFL;
            long chunkStart = offset();
            pos += 8;
            if (id.equals("fmt ")) {
                if (size < 16 || size > 1024) throw error(chunkStart, "implausible fmt chunk size " + size);
                if (!ensure((int) size)) {
                    cut("file ends inside the fmt chunk at offset " + chunkStart);
                    return;
                }
                parseFormat(chunkStart, (int) size);
                pos += (int) size + (int) (size & 1);
                haveFormat = true;
            } else if (id.equals("data")) {
                if (!haveFormat) throw error(chunkStart, "data chunk before the fmt chunk");
                dataStart = offset();
                dataDeclared = size == 0 || size == 0xFFFF_FFFFL ? -1 : size;
                dataLeft = dataDeclared;
                return;
            } else {
                skip(size + (size & 1), chunkStart, id);
                if (finished) return;
            }
        }
    }

    private void skip(long n, long chunkStart, String id) throws IOException {
        while (n > 0) {
            if (pos == lim && !ensure(1)) {
                cut("file ends inside the '" + printable(id) + "' chunk at offset " + chunkStart);
                return;
            }
            int step = (int) Math.min(n, lim - pos);
            pos += step;
            n -= step;
        }
    }

    private void parseFormat(long at, int size) throws IOException {
        int tag = le16(pos);
        channels = le16(pos + 2);
        sampleRate = le32(pos + 4);
        int blockAlign = le16(pos + 12);
        bits = le16(pos + 14);
        if (tag == 0xFFFE) {
            if (size < 40) throw error(at, "WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes (need 40)");
            tag = le16(pos + 24); // first two bytes of the sub-format GUID
        }
        if (tag == 1) floating = false;
        else if (tag == 3) floating = true;
        else throw error(at, "WAV encoding " + tag + " is not supported (only PCM and IEEE float)");
        if (channels < 1 || channels > MAX_CHANNELS) throw error(at, "implausible channel count " + channels);
        if (sampleRate < 1 || sampleRate > 1_000_000) throw error(at, "implausible sample rate " + sampleRate);
        boolean okBits = floating ? bits == 32 || bits == 64 : bits == 8 || bits == 16 || bits == 24 || bits == 32;
        if (!okBits) throw error(at, (floating ? "float" : "PCM") + " samples of " + bits + " bits are not supported");
        frameBytes = channels * bits / 8;
        if (blockAlign != frameBytes) throw error(at, "block align " + blockAlign + " does not match " + channels + " x " + bits + " bits");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c >= 0x20 && c < 0x7F ? c : '?');
        return b.toString();
    }

    /**
     * Fills {@code out} with the next mono samples (the mean over channels), at most its length.
     *
     * @return the number of samples written (at least 1), or -1 at the end
     */
    public int read(float[] out) throws IOException {
        if (finished) return -1;
        int n = 0;
        while (n < out.length) {
            if (dataLeft == 0) {
                finished = true;
                break;
            }
            if (lim - pos < frameBytes && !ensure(frameBytes)) {
                int rem = lim - pos;
                long consumed = offset() - dataStart;
                if (dataDeclared >= 0) {
                    cut("data chunk declares " + dataDeclared + " bytes but the file ends at offset " + offset()
                            + (rem > 0 ? " + " + rem + " byte(s) of a frame" : "") + ", after " + (consumed + rem) + " of them");
                } else if (rem > 0) {
                    cut(rem + " trailing byte(s) at offset " + offset() + " do not make a whole " + frameBytes + "-byte frame");
                }
                pos = lim;
                finished = true;
                break;
            }
            int frames = (lim - pos) / frameBytes;
            if (dataLeft > 0) frames = (int) Math.min(frames, dataLeft / frameBytes);
            if (frames == 0) { // a declared size that is not a whole number of frames
                cut("data chunk size " + dataDeclared + " is not a multiple of the " + frameBytes + "-byte frame");
                break;
            }
            frames = Math.min(frames, out.length - n);
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                for (int ch = 0; ch < channels; ch++) sum += sample(pos + ch * (bits / 8));
                out[n++] = (float) (sum / channels);
                pos += frameBytes;
            }
            if (dataLeft > 0) dataLeft -= (long) frames * frameBytes;
        }
        return n == 0 ? -1 : n;
    }

    private double sample(int p) {
        if (floating) {
            if (bits == 32) return Float.intBitsToFloat(le32(p));
            long lo = le32(p) & 0xFFFF_FFFFL, hi = le32(p + 4);
            return Double.longBitsToDouble(hi << 32 | lo);
        }
        return switch (bits) {
            case 8 -> ((buf[p] & 0xFF) - 128) / 128.0;
            case 16 -> (short) le16(p) / 32768.0;
            case 24 -> (((buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | buf[p + 2] << 16)) / 8388608.0;
            default -> le32(p) / 2147483648.0;
        };
    }

    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }
}
