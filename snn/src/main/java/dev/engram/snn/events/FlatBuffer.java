package dev.engram.snn.events;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads of a flatbuffer held in a byte array: every offset taken from the data is
 * checked against the buffer length before use, and a bad one raises {@link EventDecodeException}.
 */
final class FlatBuffer {
    private final byte[] b;
    private final int length;
    private final String source;
    private final long fileOffset;

    FlatBuffer(byte[] b, int length, String source, long fileOffset) {
        this.b = b;
        this.length = length;
        this.source = source;
        this.fileOffset = fileOffset;
    }

    private void check(long pos, int bytes, String what) throws EventDecodeException {
        if (pos < 0 || pos + bytes > length) {
            throw new EventDecodeException(source, fileOffset, "flatbuffer " + what + " at " + pos + " lies outside its "
                    + length + " bytes");
        }
    }

    long u32(int pos) throws EventDecodeException {
        check(pos, 4, "uint32");
        return (int) ChunkedDecoder.INT_LE.get(b, pos) & 0xFFFFFFFFL;
    }

    int i32(int pos) throws EventDecodeException {
        check(pos, 4, "int32");
        return (int) ChunkedDecoder.INT_LE.get(b, pos);
    }

    long i64(int pos) throws EventDecodeException {
        check(pos, 8, "int64");
        return (long) ChunkedDecoder.LONG_LE.get(b, pos);
    }

    private int u16(int pos) throws EventDecodeException {
        check(pos, 2, "uint16");
        return (short) ChunkedDecoder.SHORT_LE.get(b, pos) & 0xFFFF;
    }

    /** Position of the root table; {@code sizePrefixed} skips a leading uint32 size. */
    int rootTable(boolean sizePrefixed) throws EventDecodeException {
        int base = sizePrefixed ? 4 : 0;
        long table = base + u32(base);
        check(table, 4, "root table");
        return (int) table;
    }

    /** Position of field {@code index} of the table at {@code table}, or -1 when absent. */
    int fieldPos(int table, int index) throws EventDecodeException {
        long vtable = (long) table - i32(table);
        check(vtable, 4, "vtable");
        int vtableSize = u16((int) vtable);
        int entry = 4 + 2 * index;
        if (entry + 2 > vtableSize) return -1;
        int off = u16((int) vtable + entry);
        if (off == 0) return -1;
        check((long) table + off, 1, "field");
        return table + off;
    }

    /** Follows the uoffset stored at {@code pos}. */
    int indirect(int pos) throws EventDecodeException {
        long target = pos + u32(pos);
        check(target, 4, "offset target");
        return (int) target;
    }

    String string(int fieldPos) throws EventDecodeException {
        int s = indirect(fieldPos);
        long len = u32(s);
        check(s + 4L, (int) Math.min(len, Integer.MAX_VALUE), "string");
        return new String(b, s + 4, (int) len, StandardCharsets.UTF_8);
    }
}
