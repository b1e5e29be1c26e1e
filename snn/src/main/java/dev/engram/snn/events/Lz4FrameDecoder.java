package dev.engram.snn.events;

import java.util.Arrays;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decodes LZ4 frames (lz4 frame format 1.6) held in memory, including the linked-block mode that
 * dv-processing writes and lz4-java's {@code LZ4FrameInputStream} refuses. Every length and match
 * offset is checked against the input, the output written so far and {@link #maxOutput}; damage
 * raises {@link EventDecodeException}. Header, block and content checksums are verified with
 * lz4-java's XXHash32 when the frame carries them.
 */
final class Lz4FrameDecoder {
    private static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final XXHash32 XXH32 = XXHashFactory.fastestJavaInstance().hash32();

    private final int maxOutput;
    private byte[] out;

    Lz4FrameDecoder(int initialOutput, int maxOutput) {
        this.out = new byte[initialOutput];
        this.maxOutput = maxOutput;
    }

    /** The output buffer of the last {@link #decode}; valid up to the length it returned. */
    byte[] output() {
        return out;
    }

    /** Decodes the concatenated frames in {@code src[0, len)}; returns the number of bytes produced. */
    int decode(byte[] src, int len, String source, long fileOffset) throws EventDecodeException {
        Reader r = new Reader(src, len, source, fileOffset);
        int op = 0;
        boolean sawFrame = false;
        while (r.pos < len) {
            int magic = r.i32();
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                long skip = r.i32() & 0xFFFFFFFFL;
                r.skip(skip, "skippable frame");
                continue;
            }
            if (magic != MAGIC) throw r.error("not an LZ4 frame (magic 0x" + Integer.toHexString(magic) + ")");
            sawFrame = true;
            op = decodeFrame(r, op);
        }
        if (!sawFrame) throw r.error("no LZ4 frame in a " + len + "-byte payload");
        return op;
    }

    private int decodeFrame(Reader r, int op) throws EventDecodeException {
        int descriptorStart = r.pos;
        int flg = r.u8();
        int bd = r.u8();
        if ((flg >>> 6) != 1) throw r.error("unsupported LZ4 frame version " + (flg >>> 6));
        if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) throw r.error("reserved LZ4 frame bits set");
        boolean independent = (flg & 0x20) != 0;
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        int blockMaxCode = (bd >>> 4) & 7;
        if (blockMaxCode < 4) throw r.error("invalid LZ4 block maximum size code " + blockMaxCode);
        int blockMax = 1 << (8 + 2 * blockMaxCode);
        if (contentSize) r.skip(8, "content size");
        if (dictId) throw r.error("LZ4 frames with a dictionary are not supported");
        int descriptorEnd = r.pos;
        int hc = r.u8();
        int expected = (XXH32.hash(r.src, descriptorStart, descriptorEnd - descriptorStart, 0) >>> 8) & 0xFF;
        if (hc != expected) throw r.error("LZ4 frame header checksum mismatch");
        int frameStart = op;
        while (true) {
            int blockHeader = r.i32();
            if (blockHeader == 0) break;
            boolean stored = blockHeader < 0;
            int size = blockHeader & 0x7FFFFFFF;
            if (size > blockMax) throw r.error("LZ4 block of " + size + " bytes exceeds the frame's maximum " + blockMax);
            int start = r.pos;
            r.skip(size, "LZ4 block");
            if (blockChecksum) {
                int sum = r.i32();
                if (sum != XXH32.hash(r.src, start, size, 0)) throw r.error("LZ4 block checksum mismatch");
            }
            int windowStart = independent ? op : frameStart;
            if (stored) {
                ensure(op + (long) size, r);
                System.arraycopy(r.src, start, out, op, size);
                op += size;
            } else {
                op = decodeBlock(r, start, start + size, op, windowStart);
            }
        }
        if (contentChecksum) {
            int sum = r.i32();
            if (sum != XXH32.hash(out, frameStart, op - frameStart, 0)) throw r.error("LZ4 content checksum mismatch");
        }
        return op;
    }

    private int decodeBlock(Reader r, int sp, int end, int op, int windowStart) throws EventDecodeException {
        byte[] src = r.src;
        while (true) {
            if (sp >= end) throw r.error("LZ4 block ends before its last literals");
            int token = src[sp++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (sp >= end) throw r.error("LZ4 literal length runs past its block");
                    b = src[sp++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals < maxOutput);
            }
            if (literals > end - sp) throw r.error("LZ4 literals run past their block");
            ensure(op + (long) literals, r);
            System.arraycopy(src, sp, out, op, literals);
            sp += literals;
            op += literals;
            if (sp == end) return op;
            if (end - sp < 2) throw r.error("LZ4 match offset cut by the end of its block");
            int offset = (src[sp] & 0xFF) | ((src[sp + 1] & 0xFF) << 8);
            sp += 2;
            if (offset == 0 || offset > op - windowStart) throw r.error("LZ4 match offset " + offset + " points before the data");
            int match = (token & 15) + 4;
            if ((token & 15) == 15) {
                int b;
                do {
                    if (sp >= end) throw r.error("LZ4 match length runs past its block");
                    b = src[sp++] & 0xFF;
                    match += b;
                } while (b == 255 && match < maxOutput);
            }
            ensure(op + (long) match, r);
            int from = op - offset;
            if (offset >= match) {
                System.arraycopy(out, from, out, op, match);
                op += match;
            } else {
                for (int i = 0; i < match; i++) out[op++] = out[from + i];
            }
        }
    }

    private void ensure(long needed, Reader r) throws EventDecodeException {
        if (needed <= out.length) return;
        if (needed > maxOutput) throw r.error("LZ4 payload decompresses to more than " + maxOutput + " bytes");
        out = Arrays.copyOf(out, (int) Math.min(maxOutput, Math.max(needed, (long) out.length * 2)));
    }

    private static final class Reader {
        final byte[] src;
        final int len;
        final String source;
        final long fileOffset;
        int pos;

        Reader(byte[] src, int len, String source, long fileOffset) {
            this.src = src;
            this.len = len;
            this.source = source;
            this.fileOffset = fileOffset;
        }

        int u8() throws EventDecodeException {
            if (pos >= len) throw error("LZ4 frame cut short");
            return src[pos++] & 0xFF;
        }

        int i32() throws EventDecodeException {
            if (len - pos < 4) throw error("LZ4 frame cut short");
            int v = (int) ChunkedDecoder.INT_LE.get(src, pos);
            pos += 4;
            return v;
        }

        void skip(long n, String what) throws EventDecodeException {
            if (n > len - pos) throw error(what + " of " + n + " bytes runs past the packet");
            pos += (int) n;
        }

        EventDecodeException error(String problem) {
            return new EventDecodeException(source, fileOffset, problem + " (payload byte " + pos + ")");
        }
    }
}
