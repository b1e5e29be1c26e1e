package dev.engram.snn.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader of a 1-D NumPy structured array (.npy v1/v2, little-endian fields) for reference checks. */
final class NpyStructuredArray {
    private static final Pattern FIELD = Pattern.compile("\\('([^']*)',\\s*'([<>|=])([a-zA-Z])(\\d+)'\\)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*\\)");

    record Field(String name, char kind, int size, int offset) {}

    final int length;
    final int itemSize;
    final Map<String, Field> fields = new LinkedHashMap<>();
    private final ByteBuffer data;

    private NpyStructuredArray(int length, int itemSize, ByteBuffer data) {
        this.length = length;
        this.itemSize = itemSize;
        this.data = data;
    }

    static NpyStructuredArray read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if ((all[0] & 0xFF) != 0x93 || all[1] != 'N') throw new IOException("not an npy file: " + path);
        int major = all[6];
        int headerLen = major == 1 ? bb.getShort(8) & 0xFFFF : bb.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(all, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) throw new IOException("fortran order unsupported");
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) throw new IOException("no 1-D shape in " + header);
        int length = Integer.parseInt(shape.group(1));
        Map<String, Field> fields = new LinkedHashMap<>();
        int offset = 0;
        Matcher m = FIELD.matcher(header);
        while (m.find()) {
            if (m.group(2).equals(">")) throw new IOException("big-endian field unsupported");
            int size = Integer.parseInt(m.group(4));
            fields.put(m.group(1), new Field(m.group(1), m.group(3).charAt(0), size, offset));
            offset += size;
        }
        ByteBuffer data = ByteBuffer.wrap(all, headerStart + headerLen, all.length - headerStart - headerLen)
                .slice().order(ByteOrder.LITTLE_ENDIAN);
        NpyStructuredArray a = new NpyStructuredArray(length, offset, data);
        a.fields.putAll(fields);
        if ((long) length * offset != data.remaining()) {
            throw new IOException("npy data holds " + data.remaining() + " bytes, expected " + (long) length * offset);
        }
        return a;
    }

    /** Field value of element {@code i} as a long (signed ints, unsigned 'u' and bool 'b'). */
    long get(String name, int i) {
        Field f = fields.get(name);
        if (f == null) throw new IllegalArgumentException("no field " + name + " in " + fields.keySet());
        int at = i * itemSize + f.offset();
        boolean unsigned = f.kind() == 'u' || f.kind() == 'b';
        return switch (f.size()) {
            case 1 -> unsigned ? data.get(at) & 0xFF : data.get(at);
            case 2 -> unsigned ? data.getShort(at) & 0xFFFF : data.getShort(at);
            case 4 -> unsigned ? data.getInt(at) & 0xFFFFFFFFL : data.getInt(at);
            case 8 -> data.getLong(at);
            default -> throw new IllegalArgumentException("field size " + f.size());
        };
    }
}
