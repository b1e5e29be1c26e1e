package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.tta.model.ResNetClassifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The native scope of one adaptation step. Every array the step's forward creates lands here (DJL
 * attaches an op's result to its first operand's manager, and the input batch is created here), so
 * after the forward pass the arrays alive in this scope are exactly what the engine holds for the
 * backward pass. Detached views registered with {@link #alias} share storage with an array already
 * counted and are left out, as is the input batch.
 */
final class StepScope implements AutoCloseable {
    final NDManager manager;
    final NDArray input;
    private final List<NDArray> aliases = new ArrayList<>();

    StepScope(NDManager parent, float[] pixels, int count, int height, int width) {
        if (count <= 0 || pixels.length != count * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels is not " + count + " images of " + width + "x"
                    + height);
        }
        this.manager = parent.newSubManager();
        this.input = manager.create(pixels, new Shape(count, 1, height, width));
    }

    NDArray alias(NDArray view) {
        aliases.add(view);
        return view;
    }

    /** Bytes of the arrays alive in this scope, without the input batch and registered aliases. */
    long heldBytes() {
        IdentityHashMap<NDArray, Boolean> skip = new IdentityHashMap<>();
        skip.put(input, true);
        for (NDArray a : aliases) skip.put(a, true);
        long n = 0;
        for (NDArray a : manager.getManagedArrays()) {
            if (!skip.containsKey(a) && !a.isReleased()) n += ResNetClassifier.bytes(a);
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }

    static NDArray entropy(NDArray logits) {
        NDArray logp = logits.logSoftmax(1);
        return logp.exp().mul(logp).sum(new int[] {1}).neg();
    }

    /** Max class share of a batch's predictions. */
    static double maxShare(int[] predictions, int classes) {
        int[] counts = new int[classes];
        int best = 0;
        for (int p : predictions) best = Math.max(best, ++counts[p]);
        return best / (double) predictions.length;
    }
}
