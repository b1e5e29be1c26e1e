package dev.engram.tta;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An adapter's state as named float arrays (parameters, optimiser moments, guard statistics) and
 * named counters, with a versioned binary form for checkpoints. Insertion order is kept, so equal
 * states have equal bytes.
 */
public final class AdapterState {
    public static final int VERSION = 1;

    private final LinkedHashMap<String, float[]> arrays = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> counters = new LinkedHashMap<>();

    public AdapterState putArray(String name, float[] values) {
        arrays.put(name, values.clone());
        return this;
    }

    public AdapterState putCounter(String name, long value) {
        counters.put(name, value);
        return this;
    }

    public float[] array(String name) {
        float[] a = arrays.get(name);
        if (a == null) throw new IllegalArgumentException("adapter state has no array " + name);
        return a;
    }

    public long counter(String name) {
        Long v = counters.get(name);
        if (v == null) throw new IllegalArgumentException("adapter state has no counter " + name);
        return v;
    }

    public boolean hasCounter(String name) {
        return counters.containsKey(name);
    }

    public boolean hasArray(String name) {
        return arrays.containsKey(name);
    }

    public Map<String, float[]> arrays() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    /** Bytes of the arrays (what a checkpoint of this state carries, give or take names). */
    public long bytes() {
        long n = 0;
        for (float[] a : arrays.values()) n += 4L * a.length;
        return n + 8L * counters.size();
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(VERSION);
        out.writeInt(arrays.size());
        for (var e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (float f : e.getValue()) out.writeFloat(f);
        }
        out.writeInt(counters.size());
        for (var e : counters.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    /** Reads a state; a version this build does not know is an {@link IOException}. */
    public static AdapterState read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("unknown adapter state version " + version + " (this build reads 1.." + VERSION + ")");
        }
        AdapterState s = new AdapterState();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            float[] a = new float[in.readInt()];
            for (int j = 0; j < a.length; j++) a[j] = in.readFloat();
            s.arrays.put(name, a);
        }
        int c = in.readInt();
        for (int i = 0; i < c; i++) s.counters.put(in.readUTF(), in.readLong());
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AdapterState other)) return false;
        if (!counters.equals(other.counters) || !arrays.keySet().equals(other.arrays.keySet())) return false;
        for (var e : arrays.entrySet()) if (!Arrays.equals(e.getValue(), other.arrays.get(e.getKey()))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = counters.hashCode();
        for (var e : arrays.entrySet()) h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        return h;
    }
}
