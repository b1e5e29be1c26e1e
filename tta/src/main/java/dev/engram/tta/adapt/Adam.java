package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.engram.tta.AdapterState;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Adam over a fixed list of (small) parameter arrays. The moments are Java arrays updated in Java:
 * the adapted parameters are a few thousand floats, so this costs microseconds, keeps native memory
 * flat, and makes the optimiser state trivially countable, checkpointable and resettable. Each step
 * consumes and zeroes the parameters' gradients.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<NDArray> params;
    private final float[][] first;
    private final float[][] second;
    private final double lr;
    private long steps;

    public Adam(List<NDArray> params, double lr) {
        this.params = List.copyOf(params);
        this.lr = lr;
        this.first = new float[params.size()][];
        this.second = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            first[i] = new float[Math.toIntExact(params.get(i).size())];
            second[i] = new float[first[i].length];
        }
    }

    public void step() {
        step(1.0);
    }

    /** One update with the learning rate scaled by {@code lrScale} (schedules). */
    public void step(double lrScale) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            float[] g;
            try (NDArray grad = p.getGradient()) {
                g = grad.toFloatArray();
            }
            float[] w = p.toFloatArray();
            float[] m = first[i];
            float[] v = second[i];
            for (int j = 0; j < w.length; j++) {
                m[j] = (float) (BETA1 * m[j] + (1 - BETA1) * g[j]);
                v[j] = (float) (BETA2 * v[j] + (1 - BETA2) * g[j] * g[j]);
                w[j] -= (float) (lrScale * lr * (m[j] / c1) / (Math.sqrt(v[j] / c2) + EPS));
            }
            p.set(FloatBuffer.wrap(w));
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Number of scalars it optimises. */
    long parameterCount() {
        long n = 0;
        for (float[] m : first) n += m.length;
        return n;
    }

    /** Current values of every parameter it optimises, concatenated in order. */
    float[] parameterValues() {
        float[] out = new float[Math.toIntExact(parameterCount())];
        int at = 0;
        for (NDArray p : params) {
            float[] v = p.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    void zeroGradients() {
        for (NDArray p : params) JniUtils.zeroGrad((PtNDArray) p);
    }

    void reset() {
        steps = 0;
        for (float[] a : first) java.util.Arrays.fill(a, 0f);
        for (float[] a : second) java.util.Arrays.fill(a, 0f);
    }

    long stateBytes() {
        long n = 0;
        for (float[] a : first) n += 4L * a.length;
        for (float[] a : second) n += 4L * a.length;
        return n;
    }

    void save(AdapterState state) {
        for (int i = 0; i < params.size(); i++) {
            state.putArray("adam.m." + i, first[i]);
            state.putArray("adam.v." + i, second[i]);
        }
        state.putCounter("adam.steps", steps);
    }

    void load(AdapterState state) {
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(state.array("adam.m." + i), 0, first[i], 0, first[i].length);
            System.arraycopy(state.array("adam.v." + i), 0, second[i], 0, second[i].length);
        }
        steps = state.counter("adam.steps");
    }
}
