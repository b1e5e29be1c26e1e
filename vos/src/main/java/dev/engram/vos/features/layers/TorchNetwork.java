package dev.engram.vos.features.layers;

import static dev.engram.vos.features.layers.LayerConfig.filled;
import static dev.engram.vos.features.layers.LayerConfig.padding;
import static dev.engram.vos.features.layers.LayerConfig.pair;
import static dev.engram.vos.features.layers.LayerConfig.require;
import static dev.engram.vos.features.layers.LayerConfig.unsupported;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.runtime.CpuKernels;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link LayersModel} run eagerly on DJL's PyTorch engine, op by op, with the arithmetic of
 * {@link LayersModelOnnx} (the same layers and the same refusals): the second engine the backbone
 * can run on, kept to measure one against the other ({@code engram bench backbone}). Input and
 * outputs as {@link OnnxNetwork#run}.
 *
 * <p>PyTorch's intra-op pool is set to {@code threads} for the whole JVM (PyTorch has one pool), and
 * its CPU kernels are capped as {@link CpuKernels} explains. Owns native tensors: open and close it in
 * one scope. Not thread-safe.
 */
public final class TorchNetwork implements AutoCloseable {
    private final LayersModel model;
    private final NDManager manager;
    /** Per layer: its weights as tensors (kernel, bias, BN parameters), made once. */
    private final Map<String, NDArray> weights = new HashMap<>();

    private TorchNetwork(LayersModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    /** Checks every layer is supported and moves the weights into PyTorch tensors. */
    public static TorchNetwork load(LayersModel model, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (model.inputs().size() != 1) throw new IllegalArgumentException(model.name() + ": expected one input, got " + model.inputs());
        CpuKernels.pin();
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        TorchNetwork net = new TorchNetwork(model, engine.newBaseManager());
        try {
            for (LayersModel.Layer layer : model.layers()) net.prepare(layer);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void prepare(LayersModel.Layer layer) {
        JsonNode c = layer.config();
        if (!"channels_last".equals(c.path("data_format").asText("channels_last"))) {
            throw unsupported(layer, "data_format " + c.path("data_format").asText());
        }
        String name = layer.name();
        switch (layer.className()) {
            case "InputLayer", "ZeroPadding2D", "Add", "Dropout" -> {}
            case "Conv2D", "DepthwiseConv2D" -> {
                boolean depthwise = layer.className().equals("DepthwiseConv2D");
                LayersModel.Weight k = require(model, layer, depthwise ? "depthwise_kernel" : "kernel");
                int kh = k.shape()[0], kw = k.shape()[1], ci = k.shape()[2], co = k.shape()[3];
                Shape shape = depthwise ? new Shape(ci * co, 1, kh, kw) : new Shape(co, ci, kh, kw);
                weights.put(name + "/W", manager.create(LayerConfig.oihw(k, depthwise), shape));
                if (c.path("use_bias").asBoolean(true)) weights.put(name + "/B", manager.create(require(model, layer, "bias").values()));
                String padding = c.path("padding").asText("valid");
                if (!padding.equals("same") && !padding.equals("valid")) throw unsupported(layer, "padding " + padding);
                activation(layer, c.path("activation").asText("linear"), null);
            }
            case "BatchNormalization" -> {
                int axis = c.path("axis").isArray() ? c.path("axis").get(0).asInt() : c.path("axis").asInt(-1);
                if (axis != -1 && axis != 3) throw unsupported(layer, "axis " + axis);
                float[] mean = require(model, layer, "moving_mean").values();
                int channels = mean.length;
                weights.put(name + "/gamma", manager.create(c.path("scale").asBoolean(true) ? require(model, layer, "gamma").values()
                        : filled(channels, 1f)));
                weights.put(name + "/beta", manager.create(c.path("center").asBoolean(true) ? require(model, layer, "beta").values()
                        : filled(channels, 0f)));
                weights.put(name + "/mean", manager.create(mean));
                weights.put(name + "/var", manager.create(require(model, layer, "moving_variance").values()));
            }
            case "ReLU" -> {
                if (c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0) {
                    throw unsupported(layer, "negative_slope/threshold other than 0");
                }
            }
            case "Activation" -> activation(layer, c.path("activation").asText(), null);
            case "Concatenate" -> {
                int axis = c.path("axis").asInt(-1);
                if (axis != -1 && axis != 3) throw unsupported(layer, "axis " + axis);
            }
            default -> throw unsupported(layer, "layer class " + layer.className());
        }
    }

    /** Runs the network on a {@code 1×channels×height×width} image given channel-major. */
    public Map<String, OnnxNetwork.FeatureMap> run(float[] chw, int channels, int height, int width) {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("image of " + chw.length + " values is not " + channels + "x" + height + "x" + width);
        }
        // Every activation lives until the frame's manager closes (tens of megabytes at 428 px wide).
        try (NDManager frame = manager.newSubManager()) {
            Map<String, NDArray> out = new HashMap<>();
            for (LayersModel.Layer layer : model.layers()) {
                List<NDArray> in = layer.inbound().stream().map(src -> {
                    NDArray t = out.get(src);
                    if (t == null) throw unsupported(layer, "input " + src + " comes later in the layer list or does not exist");
                    return t;
                }).toList();
                out.put(layer.name(), layer.className().equals("InputLayer")
                        ? frame.create(chw, new Shape(1, channels, height, width)) : apply(layer, in));
            }
            Map<String, OnnxNetwork.FeatureMap> maps = new LinkedHashMap<>();
            for (String o : model.outputs()) {
                NDArray t = out.get(o);
                if (t == null) throw new IllegalArgumentException(model.name() + ": output " + o + " is not a layer");
                Shape s = t.getShape();
                maps.put(o, new OnnxNetwork.FeatureMap(o, (int) s.get(1), (int) s.get(2), (int) s.get(3), t.toFloatArray()));
            }
            return maps;
        }
    }

    private NDArray apply(LayersModel.Layer layer, List<NDArray> in) {
        JsonNode c = layer.config();
        String name = layer.name();
        NDArray x = in.get(0);
        return switch (layer.className()) {
            case "ZeroPadding2D" -> {
                int[] p = padding(layer);
                yield x.pad(new Shape(p[2], p[3], p[0], p[1]), 0); // PyTorch order: last axis first (left, right, top, bottom)
            }
            case "Conv2D", "DepthwiseConv2D" -> {
                NDArray w = weights.get(name + "/W");
                long[] k = {w.getShape().get(2), w.getShape().get(3)};
                long[] stride = pair(c.path("strides"), 1), dilation = pair(c.path("dilation_rate"), 1);
                if (c.path("padding").asText("valid").equals("same")) {
                    // TF's 'same': the odd pixel of the padding goes at the end (bottom, right).
                    long[] size = {x.getShape().get(2), x.getShape().get(3)}, lo = new long[2], hi = new long[2];
                    for (int a = 0; a < 2; a++) {
                        long outSize = (size[a] + stride[a] - 1) / stride[a];
                        long total = Math.max((outSize - 1) * stride[a] + (k[a] - 1) * dilation[a] + 1 - size[a], 0);
                        lo[a] = total / 2;
                        hi[a] = total - lo[a];
                    }
                    if (lo[0] + hi[0] + lo[1] + hi[1] > 0) x = x.pad(new Shape(lo[1], hi[1], lo[0], hi[0]), 0);
                }
                int groups = layer.className().equals("DepthwiseConv2D") ? (int) x.getShape().get(1) : 1;
                NDArray y = Conv2d.conv2d(x, w, weights.get(name + "/B"), new Shape(stride), new Shape(0, 0), new Shape(dilation),
                        groups).singletonOrThrow();
                yield activation(layer, c.path("activation").asText("linear"), y);
            }
            case "BatchNormalization" -> BatchNorm.batchNorm(x, weights.get(name + "/mean"), weights.get(name + "/var"),
                    weights.get(name + "/gamma"), weights.get(name + "/beta"), 1, 0.9f, (float) c.path("epsilon").asDouble(1e-3), false)
                    .singletonOrThrow();
            case "ReLU" -> c.path("max_value").isNumber() ? x.clip(0f, (float) c.path("max_value").asDouble()) : Activation.relu(x);
            case "Activation" -> activation(layer, c.path("activation").asText(), x);
            case "Add" -> {
                NDArray sum = x;
                for (int i = 1; i < in.size(); i++) sum = sum.add(in.get(i));
                yield sum;
            }
            case "Concatenate" -> NDArrays.concat(new NDList(in), 1);
            case "Dropout" -> x;
            default -> throw unsupported(layer, "layer class " + layer.className());
        };
    }

    /** Applies a Keras activation by name; with a null input only checks that it is supported. */
    private static NDArray activation(LayersModel.Layer layer, String activation, NDArray x) {
        return switch (activation.toLowerCase(Locale.ROOT)) {
            case "linear" -> x;
            case "relu" -> x == null ? null : Activation.relu(x);
            case "relu6" -> x == null ? null : x.clip(0f, 6f);
            case "sigmoid" -> x == null ? null : Activation.sigmoid(x);
            case "tanh" -> x == null ? null : Activation.tanh(x);
            default -> throw unsupported(layer, "activation " + activation);
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
