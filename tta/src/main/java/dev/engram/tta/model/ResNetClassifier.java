package dev.engram.tta.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.engram.tta.SeededRandom;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small ResNet for 1x28x28 digits, written as functions over named parameter arrays so that test-
 * time adapters decide per layer what is frozen, which statistics normalise and where gradients flow.
 *
 * <p>Layout: a 3x3 stem conv, two residual blocks at width {@code w1}, one block at {@code w2}, one
 * block at {@code w3} (each block two 3x3 convs, a 1x1 projection where the shape changes), every conv
 * followed by batch normalisation, then global average pooling and a linear head: nine 3x3 convs and
 * two or three 1x1 projections. {@link Layout} says where the two stride-2 steps sit. The units (stem,
 * block1a, block1b, block2, block3) are the granularity at which EcoTTA splits the encoder.
 *
 * <p>Parameters live in the manager given at construction; the classifier never changes them except
 * through {@link #parameters()} during source training. Failure: a missing parameter is an
 * {@link IllegalStateException} naming it.
 */
public final class ResNetClassifier implements AutoCloseable {
    static {
        // Before this class's first tensor operation: see CpuKernels.
        dev.engram.runtime.CpuKernels.pin();
    }

    public static final float BN_EPS = 1e-5f;

    /** One residual unit; {@code stem} has a single conv and no shortcut. */
    public record Unit(String name, boolean stem, int in, int out, int stride) {
        public boolean projection() {
            return !stem && (in != out || stride != 1);
        }

        public String conv(int i) {
            return name + ".conv" + i;
        }

        public String norm(int i) {
            return name + ".bn" + i;
        }
    }

    /**
     * Where the resolution halves. {@code LATE}: the stem and both {@code w1} blocks at full resolution,
     * {@code w2} and {@code w3} each halve it. {@code EARLY}: only the stem at full resolution, the first
     * {@code w1} block and the {@code w2} block halve it, {@code w3} keeps it; about a quarter of the
     * full-resolution work, so wider channels cost about as much as LATE's narrow ones.
     */
    public enum Layout {
        LATE(1, 1, 1, 2, 2),
        EARLY(1, 2, 1, 2, 1);

        private final int[] strides;

        Layout(int... strides) {
            this.strides = strides;
        }

        int stride(int unit) {
            return strides[unit];
        }
    }

    public record Spec(int w1, int w2, int w3, int classes, Layout layout) {
        public Spec(int w1, int w2, int w3, int classes) {
            this(w1, w2, w3, classes, Layout.LATE);
        }
    }

    private final Spec spec;
    private final NDManager manager;
    private final List<Unit> units;
    private final LinkedHashMap<String, NDArray> params = new LinkedHashMap<>();

    private ResNetClassifier(Spec spec, NDManager manager) {
        this.spec = spec;
        this.manager = manager;
        Layout l = spec.layout;
        this.units = List.of(new Unit("stem", true, 1, spec.w1, l.stride(0)),
                new Unit("block1a", false, spec.w1, spec.w1, l.stride(1)),
                new Unit("block1b", false, spec.w1, spec.w1, l.stride(2)),
                new Unit("block2", false, spec.w1, spec.w2, l.stride(3)),
                new Unit("block3", false, spec.w2, spec.w3, l.stride(4)));
    }

    /** A freshly initialised network (He-normal convs, unit-gain norms), seeded. */
    public static ResNetClassifier initialise(Spec spec, NDManager parent, long seed) {
        ResNetClassifier m = new ResNetClassifier(spec, parent.newSubManager());
        SeededRandom rnd = new SeededRandom(seed);
        for (Unit u : m.units) {
            if (u.stem) {
                m.conv(u.conv(1), u.out, u.in, 3, rnd);
                m.norm(u.norm(1), u.out);
            } else {
                m.conv(u.conv(1), u.out, u.in, 3, rnd);
                m.norm(u.norm(1), u.out);
                m.conv(u.conv(2), u.out, u.out, 3, rnd);
                m.norm(u.norm(2), u.out);
                // Zero-initialised last gain: each block starts as its shortcut, which trains faster.
                m.param(u.norm(2) + ".gamma").muli(0);
                if (u.projection()) {
                    m.conv(u.conv(3), u.out, u.in, 1, rnd);
                    m.norm(u.norm(3), u.out);
                }
            }
        }
        float[] w = new float[spec.classes * spec.w3];
        double std = Math.sqrt(1.0 / spec.w3);
        for (int i = 0; i < w.length; i++) w[i] = (float) (std * rnd.nextGaussian());
        m.put("fc.weight", m.manager.create(w, new Shape(spec.classes, spec.w3)));
        m.put("fc.bias", m.manager.zeros(new Shape(spec.classes)));
        return m;
    }

    private void conv(String name, int out, int in, int k, SeededRandom rnd) {
        float[] w = new float[out * in * k * k];
        double std = Math.sqrt(2.0 / (in * k * k));
        for (int i = 0; i < w.length; i++) w[i] = (float) (std * rnd.nextGaussian());
        put(name + ".weight", manager.create(w, new Shape(out, in, k, k)));
    }

    private void norm(String name, int channels) {
        put(name + ".gamma", manager.ones(new Shape(channels)));
        put(name + ".beta", manager.zeros(new Shape(channels)));
        put(name + ".mean", manager.zeros(new Shape(channels)));
        put(name + ".var", manager.ones(new Shape(channels)));
    }

    private void put(String name, NDArray array) {
        array.setName(name);
        params.put(name, array);
    }

    public Spec spec() {
        return spec;
    }

    public List<Unit> units() {
        return units;
    }

    public NDManager manager() {
        return manager;
    }

    /** All parameters and running statistics by name, in a fixed order. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    public NDArray param(String name) {
        NDArray a = params.get(name);
        if (a == null) throw new IllegalStateException("no parameter " + name);
        return a;
    }

    /** Names of every normalisation layer, in forward order. */
    public List<String> normLayers() {
        List<String> out = new ArrayList<>();
        for (String k : params.keySet()) if (k.endsWith(".gamma")) out.add(k.substring(0, k.length() - 6));
        return out;
    }

    /** Learnable parameter count (running statistics excluded). */
    public long parameterCount() {
        long n = 0;
        for (var e : params.entrySet()) {
            if (!e.getKey().endsWith(".mean") && !e.getKey().endsWith(".var")) n += e.getValue().size();
        }
        return n;
    }

    /** SHA-256 over every parameter and running statistic, to prove they did not change. */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var e : params.entrySet()) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (float f : e.getValue().toFloatArray()) {
                    int b = Float.floatToRawIntBits(f);
                    md.update(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b});
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- forward pieces -------------------------------------------------------------------------

    public NDArray conv(NDArray x, String conv, int stride) {
        NDArray w = param(conv + ".weight");
        int pad = (int) (w.getShape().get(2) / 2);
        return Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** Runs units {@code from} (inclusive) to {@code to} (exclusive). */
    public NDArray forwardUnits(NDArray x, int from, int to, Norms norms) {
        NDArray h = x;
        for (int i = from; i < to; i++) h = forwardUnit(units.get(i), h, norms);
        return h;
    }

    public NDArray forwardUnit(Unit u, NDArray x, Norms norms) {
        if (u.stem) return norms.normalize(this, u.norm(1), conv(x, u.conv(1), u.stride)).getNDArrayInternal().relu();
        NDArray h = norms.normalize(this, u.norm(1), conv(x, u.conv(1), u.stride)).getNDArrayInternal().relu();
        h = norms.normalize(this, u.norm(2), conv(h, u.conv(2), 1));
        NDArray shortcut = u.projection() ? norms.normalize(this, u.norm(3), conv(x, u.conv(3), u.stride)) : x;
        return h.add(shortcut).getNDArrayInternal().relu();
    }

    /** Global average pooling and the linear head. */
    public NDArray head(NDArray features) {
        NDArray pooled = features.mean(new int[] {3}).mean(new int[] {2});
        return Linear.linear(pooled, param("fc.weight"), param("fc.bias")).singletonOrThrow();
    }

    public NDArray logits(NDArray x, Norms norms) {
        return head(forwardUnits(x, 0, units.size(), norms));
    }

    // ---- normalisation modes --------------------------------------------------------------------

    /** Source running statistics and source affine parameters (inference). */
    public static final Norms SOURCE = (m, layer, x) -> BatchNorm.batchNorm(x, m.param(layer + ".mean"),
            m.param(layer + ".var"), m.param(layer + ".gamma"), m.param(layer + ".beta"), -1, 0.9f, BN_EPS, false)
            .singletonOrThrow();

    /** Batch statistics, source affine, running statistics updated (source training). */
    public static final Norms TRAIN = (m, layer, x) -> BatchNorm.batchNorm(x, m.param(layer + ".mean"),
            m.param(layer + ".var"), m.param(layer + ".gamma"), m.param(layer + ".beta"), -1, 0.9f, BN_EPS, true)
            .singletonOrThrow();

    /** Batch statistics with the given affine parameters; running statistics left alone. */
    public static NDArray batchStatistics(NDArray x, NDArray gamma, NDArray beta) {
        NDManager m = x.getManager();
        Shape c = gamma.getShape();
        return BatchNorm.batchNorm(x, m.zeros(c), m.ones(c), gamma, beta, -1, 0.9f, BN_EPS, true).singletonOrThrow();
    }

    // ---- persistence ----------------------------------------------------------------------------

    private static final int MAGIC_V1 = 0x54544131; // "TTA1": LATE layout implied
    private static final int MAGIC = 0x54544132; // "TTA2": layout stored after the widths

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(spec.w1);
        out.writeInt(spec.w2);
        out.writeInt(spec.w3);
        out.writeInt(spec.classes);
        out.writeUTF(spec.layout.name());
        out.writeInt(params.size());
        for (var e : params.entrySet()) {
            out.writeUTF(e.getKey());
            long[] shape = e.getValue().getShape().getShape();
            out.writeInt(shape.length);
            for (long d : shape) out.writeLong(d);
            for (float f : e.getValue().toFloatArray()) out.writeFloat(f);
        }
    }

    public static ResNetClassifier read(DataInputStream in, NDManager parent) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V1) throw new IOException("not a TTA ResNet file");
        int w1 = in.readInt();
        int w2 = in.readInt();
        int w3 = in.readInt();
        int classes = in.readInt();
        Layout layout;
        try {
            layout = magic == MAGIC_V1 ? Layout.LATE : Layout.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown layout: " + e.getMessage());
        }
        Spec spec = new Spec(w1, w2, w3, classes, layout);
        ResNetClassifier m = new ResNetClassifier(spec, parent.newSubManager());
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            long[] shape = new long[in.readInt()];
            long size = 1;
            for (int d = 0; d < shape.length; d++) size *= (shape[d] = in.readLong());
            float[] data = new float[Math.toIntExact(size)];
            for (int j = 0; j < data.length; j++) data[j] = in.readFloat();
            m.put(name, m.manager.create(data, new Shape(shape)));
        }
        ResNetClassifier reference = initialise(spec, parent, 0);
        try {
            if (!reference.params.keySet().equals(m.params.keySet())) throw new IOException("parameter names differ");
        } finally {
            reference.close();
        }
        return m;
    }

    /** Bytes of an array as the engine stores it. */
    public static long bytes(NDArray a) {
        return a.size() * a.getDataType().getNumOfBytes();
    }

    static NDArray stack(List<NDArray> arrays) {
        return NDArrays.stack(new NDList(arrays));
    }

    @Override
    public void close() {
        manager.close();
    }

    static DataType f32() {
        return DataType.FLOAT32;
    }
}
