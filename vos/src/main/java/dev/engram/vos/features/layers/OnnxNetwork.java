package dev.engram.vos.features.layers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.vos.features.KeptBySize;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A convolutional network on ONNX Runtime's CPU execution provider, taking one {@code 1×C×H×W}
 * float image and returning every graph output as a {@link FeatureMap}. Inference runs sequentially
 * on a fixed number of intra-op threads (one by default), so the same input gives bit-identical
 * outputs on every call and after any restore; graph optimisations are on (Conv + BatchNorm fusion).
 *
 * <p>Owns a native session: open and close it in one scope. Not thread-safe. Failure behaviour:
 * IllegalArgumentException when ONNX Runtime cannot load the model (the message carries its
 * reason), IllegalStateException when a run fails.
 */
public final class OnnxNetwork implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final List<String> outputs;
    /** Buffers per input shape, for the last few shapes (streams of several frame sizes share a network). */
    private final KeptBySize<Pinned> pinned = new KeptBySize<>(Pinned::close);

    /** A C×h×w map, channel-major ({@code values[(c * height + y) * width + x]}). */
    public record FeatureMap(String name, int channels, int height, int width, float[] values) {}

    private OnnxNetwork(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
        this.outputs = List.copyOf(session.getOutputNames());
    }

    /** Loads serialized ONNX bytes (e.g. from {@link LayersModelOnnx#convert}) with {@code threads} intra-op threads. */
    public static OnnxNetwork load(byte[] onnx, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = options(threads)) {
            return new OnnxNetwork(env, env.createSession(onnx, o));
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** Loads an ONNX file. */
    public static OnnxNetwork load(java.nio.file.Path file, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = options(threads)) {
            return new OnnxNetwork(env, env.createSession(file.toString(), o));
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    /** The graph's output names, in graph order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Runs the network on a {@code 1×channels×height×width} image given channel-major. */
    public Map<String, FeatureMap> run(float[] chw, int channels, int height, int width) {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("image of " + chw.length + " values is not " + channels + "x" + height + "x" + width);
        }
        try {
            Pinned p = pinned.get(q -> q.fits(channels, height, width), () -> pin(channels, height, width));
            p.input.put(0, chw);
            try (OrtSession.Result ignored = session.run(Map.of(input, p.inputTensor), p.outputTensors)) {
                Map<String, FeatureMap> out = new LinkedHashMap<>();
                for (String name : outputs) {
                    long[] shape = p.shapes.get(name);
                    float[] v = new float[p.outputBuffers.get(name).capacity()];
                    p.outputBuffers.get(name).get(0, v);
                    out.put(name, new FeatureMap(name, (int) shape[1], (int) shape[2], (int) shape[3], v));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /** Buffers for a new input shape; one run on the zeroed input learns the output shapes they need. */
    private Pinned pin(int channels, int height, int width) {
        Pinned p = null;
        try {
            p = new Pinned(channels, height, width);
            try (OrtSession.Result result = session.run(Map.of(input, p.inputTensor))) {
                for (String name : outputs) {
                    OnnxTensor t = (OnnxTensor) result.get(name)
                            .orElseThrow(() -> new IllegalStateException("ONNX Runtime returned no output " + name));
                    long[] shape = t.getInfo().getShape();
                    if (shape.length != 4 || shape[0] != 1) {
                        throw new IllegalStateException("output " + name + " has shape " + java.util.Arrays.toString(shape) + "; expected 1xCxHxW");
                    }
                    p.pinOutput(env, name, shape);
                }
            }
            return p;
        } catch (RuntimeException | OrtException e) {
            if (p != null) p.close();
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Native input and output buffers for one image shape, kept from run to run: allocating (and
     * zeroing, and faulting in) a megabyte of direct memory per frame cost a third of a run.
     */
    private static final class Pinned implements AutoCloseable {
        final int channels, height, width;
        final FloatBuffer input;
        final OnnxTensor inputTensor;
        final Map<String, FloatBuffer> outputBuffers = new HashMap<>();
        final Map<String, OnnxTensor> outputTensors = new HashMap<>();
        final Map<String, long[]> shapes = new HashMap<>();

        Pinned(int channels, int height, int width) throws OrtException {
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.input = direct(channels * height * width);
            this.inputTensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), input, new long[] {1, channels, height, width});
        }

        boolean fits(int c, int h, int w) {
            return c == channels && h == height && w == width;
        }

        void pinOutput(OrtEnvironment env, String name, long[] shape) throws OrtException {
            long n = 1;
            for (long d : shape) n *= d;
            FloatBuffer b = direct(Math.toIntExact(n));
            outputBuffers.put(name, b);
            outputTensors.put(name, OnnxTensor.createTensor(env, b, shape));
            shapes.put(name, shape.clone());
        }

        private static FloatBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        @Override
        public void close() {
            inputTensor.close();
            outputTensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        pinned.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
