package dev.engram.connectors.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The {@link WireRecord.Encoding#MASK_RLE} payload: an object-id mask (one id per pixel, row-major,
 * 0 = background) as runs of {@code (length u32, id u8)} that cover exactly width × height pixels.
 * A 854×480 mask of one object is typically a few kilobytes, against ~5 KB as a palette PNG and
 * 410 KB raw.
 */
public final class MaskRuns {
    private MaskRuns() {}

    public static byte[] encode(byte[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        ByteBuffer run = ByteBuffer.allocate(5);
        int i = 0;
        while (i < ids.length) {
            int j = i + 1;
            while (j < ids.length && ids[j] == ids[i]) j++;
            run.clear();
            run.putInt(j - i).put(ids[i]);
            out.write(run.array(), 0, 5);
            i = j;
        }
        return out.toByteArray();
    }

    public static byte[] decode(WireRecord r) throws WireFormatException {
        check(r);
        byte[] ids = new byte[r.width * r.height];
        ByteBuffer b = ByteBuffer.wrap(r.payload);
        int at = 0;
        while (b.hasRemaining()) {
            int n = b.getInt();
            byte id = b.get();
            java.util.Arrays.fill(ids, at, at + n, id);
            at += n;
        }
        return ids;
    }

    static void check(WireRecord r) throws WireFormatException {
        long pixels = (long) r.width * r.height;
        if (pixels == 0) throw new WireFormatException("a run-length mask needs width x height, got " + r.width + "x" + r.height);
        if (r.payload.length % 5 != 0) throw new WireFormatException("run-length mask of " + r.payload.length + " bytes is not whole runs of 5 bytes");
        ByteBuffer b = ByteBuffer.wrap(r.payload);
        long covered = 0;
        while (b.hasRemaining()) {
            long n = Integer.toUnsignedLong(b.getInt());
            b.get();
            if (n == 0) throw new WireFormatException("run-length mask has an empty run");
            covered += n;
            if (covered > pixels) break;
        }
        if (covered != pixels) {
            throw new WireFormatException("run-length mask covers " + covered + " pixels, the " + r.width + "x" + r.height + " frame has " + pixels);
        }
    }
}
