package dev.engram.vos.features.layers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading a Keras layer's config and weights the same way for every engine a {@link LayersModel} is
 * translated to: paddings, pairs, kernels in the OIHW order both ONNX and PyTorch take, and the
 * errors that name the layer.
 */
final class LayerConfig {
    private LayerConfig() {}

    /** A ZeroPadding2D layer's padding as {top, bottom, left, right}. */
    static int[] padding(LayersModel.Layer layer) {
        JsonNode p = layer.config().path("padding");
        if (p.isInt()) return new int[] {p.asInt(), p.asInt(), p.asInt(), p.asInt()};
        if (p.isArray() && p.size() == 2 && p.get(0).isInt()) {
            return new int[] {p.get(0).asInt(), p.get(0).asInt(), p.get(1).asInt(), p.get(1).asInt()};
        }
        if (p.isArray() && p.size() == 2 && p.get(0).isArray()) {
            return new int[] {p.get(0).get(0).asInt(), p.get(0).get(1).asInt(), p.get(1).get(0).asInt(), p.get(1).get(1).asInt()};
        }
        throw unsupported(layer, "padding " + p);
    }

    /** A (height, width) pair given as a pair or a single number. */
    static long[] pair(JsonNode v, int fallback) {
        if (v.isArray() && v.size() == 2) return new long[] {v.get(0).asLong(), v.get(1).asLong()};
        if (v.isNumber()) return new long[] {v.asLong(), v.asLong()};
        return new long[] {fallback, fallback};
    }

    /**
     * A Conv2D kernel (HWIO) as OIHW, or a DepthwiseConv2D kernel (H×W×C×M) as (C·M)×1×H×W with output
     * channel c·M + m, as TF orders them.
     */
    static float[] oihw(LayersModel.Weight k, boolean depthwise) {
        int kh = k.shape()[0], kw = k.shape()[1], ci = k.shape()[2], co = k.shape()[3];
        float[] w = new float[kh * kw * ci * co];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        float v = k.values()[((y * kw + x) * ci + i) * co + o];
                        if (depthwise) w[((i * co + o) * kh + y) * kw + x] = v;
                        else w[((o * ci + i) * kh + y) * kw + x] = v;
                    }
                }
            }
        }
        return w;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static LayersModel.Weight require(LayersModel model, LayersModel.Layer layer, String suffix) {
        LayersModel.Weight w = model.weight(layer.name(), suffix);
        if (w == null) throw unsupported(layer, "weight " + layer.name() + "/" + suffix + " is missing");
        return w;
    }

    static IllegalArgumentException unsupported(LayersModel.Layer layer, String what) {
        return new IllegalArgumentException("layers model: layer " + layer.name() + " (" + layer.className() + "): unsupported "
                + what);
    }
}
