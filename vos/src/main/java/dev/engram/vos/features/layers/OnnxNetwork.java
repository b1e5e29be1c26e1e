package dev.engram.vos.features.layers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
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
        Map<String, FeatureMap> out = new LinkedHashMap<>();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), new long[] {1, channels, height, width});
                OrtSession.Result result = session.run(Map.of(input, in))) {
            for (String name : outputs) {
                OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
                long[] shape = t.getInfo().getShape();
                if (shape.length != 4 || shape[0] != 1) {
                    throw new IllegalStateException("output " + name + " has shape " + java.util.Arrays.toString(shape)
                            + "; expected 1xCxHxW");
                }
                FloatBuffer b = t.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                out.put(name, new FeatureMap(name, (int) shape[1], (int) shape[2], (int) shape[3], v));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
