package dev.engram.tta.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.ResNetClassifier.Unit;
import java.util.List;

/**
 * The frozen units of the network run without autograd, keeping only what their input gradient
 * needs: a 1-byte sign mask per ReLU and a per-channel scale per normalisation layer (the conv
 * weights are parameters, held anyway). {@link #inputGradient} is the hand-written backward of that
 * input gradient: masks, scales and the convolutions' input gradients. Normalisation statistics (source or the
 * test batch's) are constants of the backward, so a frozen normalisation is a per-channel affine map.
 */
final class FrozenPath {
    /** What one unit's input gradient needs. */
    record UnitTape(Unit unit, long inHeight, long inWidth, long outHeight, long outWidth, NDArray mask1,
            NDArray maskOut, NDArray scale1, NDArray scale2, NDArray scale3) {}

    private final ResNetClassifier model;
    private final boolean batchStatistics;

    FrozenPath(ResNetClassifier model, boolean batchStatistics) {
        this.model = model;
        this.batchStatistics = batchStatistics;
    }

    /**
     * Runs {@code u} on {@code x}; temporaries land in {@code x}'s manager, the tape's arrays in
     * {@code keep}.
     */
    NDArray forward(Unit u, NDArray x, List<UnitTape> tape, NDManager keep) {
        long inH = x.getShape().get(2);
        long inW = x.getShape().get(3);
        NDArray[] scale = new NDArray[4];
        NDArray h = norm(u.norm(1), model.conv(x, u.conv(1), u.stride()), scale, 1, keep).getNDArrayInternal().relu();
        if (u.stem()) {
            NDArray mask = keepMask(h, keep);
            tape.add(new UnitTape(u, inH, inW, h.getShape().get(2), h.getShape().get(3), null, mask, scale[1], null, null));
            return h;
        }
        NDArray mask1 = keepMask(h, keep);
        h = norm(u.norm(2), model.conv(h, u.conv(2), 1), scale, 2, keep);
        NDArray shortcut = u.projection() ? norm(u.norm(3), model.conv(x, u.conv(3), u.stride()), scale, 3, keep) : x;
        NDArray out = h.add(shortcut).getNDArrayInternal().relu();
        NDArray maskOut = keepMask(out, keep);
        tape.add(new UnitTape(u, inH, inW, out.getShape().get(2), out.getShape().get(3), mask1, maskOut, scale[1],
                scale[2], scale[3]));
        return out;
    }

    private static NDArray keepMask(NDArray relu, NDManager keep) {
        NDArray mask = relu.gt(0);
        mask.attach(keep);
        return mask;
    }

    private NDArray norm(String layer, NDArray z, NDArray[] scales, int slot, NDManager keep) {
        NDArray gamma = model.param(layer + ".gamma");
        NDArray beta = model.param(layer + ".beta");
        float[] g = gamma.toFloatArray();
        float[] var;
        NDArray out;
        if (batchStatistics) {
            NDManager m = z.getManager();
            NDArray runMean = m.zeros(gamma.getShape());
            NDArray runVar = m.ones(gamma.getShape());
            // DJL momentum 0 = torch momentum 1: the "running" buffers receive this batch's mean and unbiased variance.
            out = BatchNorm.batchNorm(z, runMean, runVar, gamma, beta, -1, 0f, ResNetClassifier.BN_EPS, true)
                    .singletonOrThrow();
            long n = z.size() / z.getShape().get(1);
            var = runVar.toFloatArray();
            for (int c = 0; c < var.length; c++) var[c] = var[c] * (n - 1) / n;
        } else {
            out = BatchNorm.batchNorm(z, model.param(layer + ".mean"), model.param(layer + ".var"), gamma, beta, -1, 0.9f,
                    ResNetClassifier.BN_EPS, false).singletonOrThrow();
            var = model.param(layer + ".var").toFloatArray();
        }
        float[] s = new float[g.length];
        for (int c = 0; c < s.length; c++) s[c] = (float) (g[c] / Math.sqrt(var[c] + ResNetClassifier.BN_EPS));
        scales[slot] = keep.create(s, new Shape(1, s.length, 1, 1));
        return out;
    }

    /**
     * Gradient with respect to the input of the units of {@code tapes}, given the gradient at their
     * output; {@code gc} must be the open collector (the engine has no transposed convolution, so a
     * conv's input gradient is taken by autograd on a zero input: the conv is linear, so its input
     * gradient does not depend on the input, and that small graph lives only for that call).
     */
    NDArray inputGradient(List<UnitTape> tapes, NDArray gradOut, GradientCollector gc) {
        NDArray g = gradOut;
        for (int i = tapes.size() - 1; i >= 0; i--) g = unitInputGradient(tapes.get(i), g, gc);
        return g;
    }

    private NDArray unitInputGradient(UnitTape t, NDArray g, GradientCollector gc) {
        Unit u = t.unit();
        if (u.stem()) {
            NDArray gz = g.mul(t.maskOut()).mul(t.scale1());
            return convInputGradient(gz, u.conv(1), u.stride(), u.in(), t.inHeight(), t.inWidth(), gc);
        }
        NDArray gs = g.mul(t.maskOut());
        NDArray gr1 = convInputGradient(gs.mul(t.scale2()), u.conv(2), 1, u.out(), t.outHeight(), t.outWidth(), gc);
        NDArray gx = convInputGradient(gr1.mul(t.mask1()).mul(t.scale1()), u.conv(1), u.stride(), u.in(), t.inHeight(),
                t.inWidth(), gc);
        NDArray gShortcut = u.projection()
                ? convInputGradient(gs.mul(t.scale3()), u.conv(3), u.stride(), u.in(), t.inHeight(), t.inWidth(), gc)
                : gs;
        return gx.add(gShortcut);
    }

    private NDArray convInputGradient(NDArray g, String conv, int stride, int channels, long height, long width,
            GradientCollector gc) {
        NDArray zero = g.getManager().zeros(new Shape(g.getShape().get(0), channels, height, width));
        zero.setRequiresGradient(true);
        gc.backward(model.conv(zero, conv, stride).mul(g).sum());
        return zero.getGradient();
    }
}
