package dev.engram.vos.features.layers;

import static dev.engram.vos.features.layers.LayerConfig.filled;
import static dev.engram.vos.features.layers.LayerConfig.padding;
import static dev.engram.vos.features.layers.LayerConfig.pair;
import static dev.engram.vos.features.layers.LayerConfig.require;
import static dev.engram.vos.features.layers.LayerConfig.unsupported;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a {@link LayersModel} into an ONNX graph with the same arithmetic, in NCHW layout: input
 * {@code 1×C×H×W} (any H and W), one output per model output, {@code 1×C×h×w}. Supported layers
 * (channels_last Keras semantics): InputLayer, ZeroPadding2D (asymmetric), Conv2D and
 * DepthwiseConv2D (strides, dilation, 'valid' and TF's 'same' padding, bias, linear/relu/relu6/
 * sigmoid/tanh activations; HWIO and H×W×C×multiplier kernels), BatchNormalization (inference,
 * each layer's epsilon, center/scale optional), ReLU (max_value, no slope or threshold), Activation,
 * Add, Concatenate (channel axis), Dropout (identity).
 *
 * <p>Failure behaviour: IllegalArgumentException naming the layer for any other layer class or
 * config (channels_first, a LeakyReLU slope, a concatenation on another axis, a missing weight).
 */
public final class LayersModelOnnx {
    private LayersModelOnnx() {}

    /** The serialized ONNX model. */
    public static byte[] convert(LayersModel model) {
        if (model.inputs().size() != 1) throw new IllegalArgumentException(model.name() + ": expected one input, got " + model.inputs());
        Map<String, String> tensorOf = new HashMap<>();
        Map<String, Integer> channelsOf = new HashMap<>();
        OnnxGraph g = null;
        for (LayersModel.Layer layer : model.layers()) {
            JsonNode c = layer.config();
            if (!"channels_last".equals(c.path("data_format").asText("channels_last"))) {
                throw unsupported(layer, "data_format " + c.path("data_format").asText());
            }
            List<String> in = new ArrayList<>();
            for (String src : layer.inbound()) {
                String t = tensorOf.get(src);
                if (t == null) throw unsupported(layer, "input " + src + " comes later in the layer list or does not exist");
                in.add(t);
            }
            String name = layer.name();
            String out;
            int channels;
            switch (layer.className()) {
                case "InputLayer" -> {
                    JsonNode shape = c.path("batch_input_shape");
                    channels = shape.get(shape.size() - 1).asInt();
                    g = new OnnxGraph(model.name(), name, channels);
                    out = name;
                }
                case "ZeroPadding2D" -> {
                    int[] p = padding(layer);
                    out = g.fresh(name);
                    String pads = g.int64s(name + "/pads", new long[] {0, 0, p[0], p[2], 0, 0, p[1], p[3]});
                    g.node("Pad", name, List.of(in.get(0), pads), out).text("mode", "constant").add();
                    channels = channelsOf.get(layer.inbound().get(0));
                }
                case "Conv2D", "DepthwiseConv2D" -> {
                    boolean depthwise = layer.className().equals("DepthwiseConv2D");
                    LayersModel.Weight k = require(model, layer, depthwise ? "depthwise_kernel" : "kernel");
                    int kh = k.shape()[0], kw = k.shape()[1], ci = k.shape()[2], co = k.shape()[3];
                    int inChannels = channelsOf.get(layer.inbound().get(0));
                    if (ci != inChannels) throw unsupported(layer, "kernel for " + ci + " input channels, input has " + inChannels);
                    float[] w = LayerConfig.oihw(k, depthwise);
                    int outChannels = depthwise ? ci * co : co;
                    List<String> inputs = new ArrayList<>(List.of(in.get(0),
                            g.floats(name + "/W", depthwise ? new long[] {outChannels, 1, kh, kw} : new long[] {co, ci, kh, kw}, w)));
                    if (c.path("use_bias").asBoolean(true)) inputs.add(g.floats(name + "/B", new long[] {outChannels},
                            require(model, layer, "bias").values()));
                    out = g.fresh(name);
                    OnnxGraph.Node node = g.node("Conv", name, inputs, out)
                            .ints("kernel_shape", kh, kw)
                            .ints("strides", pair(c.path("strides"), 1))
                            .ints("dilations", pair(c.path("dilation_rate"), 1));
                    if (depthwise) node.integer("group", ci);
                    String padding = c.path("padding").asText("valid");
                    if (padding.equals("same")) node.text("auto_pad", "SAME_UPPER");
                    else if (padding.equals("valid")) node.ints("pads", 0, 0, 0, 0);
                    else throw unsupported(layer, "padding " + padding);
                    node.add();
                    out = activation(g, layer, c.path("activation").asText("linear"), out);
                    channels = outChannels;
                }
                case "BatchNormalization" -> {
                    int axis = c.path("axis").isArray() ? c.path("axis").get(0).asInt() : c.path("axis").asInt(-1);
                    if (axis != -1 && axis != 3) throw unsupported(layer, "axis " + axis);
                    channels = channelsOf.get(layer.inbound().get(0));
                    float[] gamma = c.path("scale").asBoolean(true) ? require(model, layer, "gamma").values() : filled(channels, 1f);
                    float[] beta = c.path("center").asBoolean(true) ? require(model, layer, "beta").values() : filled(channels, 0f);
                    long[] dims = {channels};
                    out = g.fresh(name);
                    g.node("BatchNormalization", name, List.of(in.get(0), g.floats(name + "/gamma", dims, gamma),
                                    g.floats(name + "/beta", dims, beta),
                                    g.floats(name + "/mean", dims, require(model, layer, "moving_mean").values()),
                                    g.floats(name + "/var", dims, require(model, layer, "moving_variance").values())), out)
                            .real("epsilon", (float) c.path("epsilon").asDouble(1e-3)).add();
                }
                case "ReLU" -> {
                    if (c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0) {
                        throw unsupported(layer, "negative_slope/threshold other than 0");
                    }
                    JsonNode max = c.path("max_value");
                    out = max.isNumber() ? clip(g, name, in.get(0), (float) max.asDouble()) : relu(g, name, in.get(0));
                    channels = channelsOf.get(layer.inbound().get(0));
                }
                case "Activation" -> {
                    out = activation(g, layer, c.path("activation").asText(), in.get(0));
                    channels = channelsOf.get(layer.inbound().get(0));
                }
                case "Add" -> {
                    out = g.fresh(name);
                    g.node("Sum", name, in, out).add();
                    channels = channelsOf.get(layer.inbound().get(0));
                }
                case "Concatenate" -> {
                    int axis = c.path("axis").asInt(-1);
                    if (axis != -1 && axis != 3) throw unsupported(layer, "axis " + axis);
                    out = g.fresh(name);
                    g.node("Concat", name, in, out).integer("axis", 1).add();
                    channels = 0;
                    for (String src : layer.inbound()) channels += channelsOf.get(src);
                }
                case "Dropout" -> {
                    out = in.get(0);
                    channels = channelsOf.get(layer.inbound().get(0));
                }
                default -> throw unsupported(layer, "layer class " + layer.className());
            }
            if (g == null) throw unsupported(layer, "comes before the InputLayer");
            tensorOf.put(name, out);
            channelsOf.put(name, channels);
        }
        if (g == null) throw new IllegalArgumentException(model.name() + ": no InputLayer");
        for (String o : model.outputs()) {
            String t = tensorOf.get(o);
            if (t == null) throw new IllegalArgumentException(model.name() + ": output " + o + " is not a layer");
            // Give each output the layer's own name, so callers find it by name.
            g.node("Identity", o + "/output", List.of(t), o).add();
            g.output(o);
        }
        return g.toBytes();
    }

    private static String activation(OnnxGraph g, LayersModel.Layer layer, String activation, String in) {
        String name = layer.name() + "/" + activation;
        return switch (activation.toLowerCase(Locale.ROOT)) {
            case "linear" -> in;
            case "relu" -> relu(g, name, in);
            case "relu6" -> clip(g, name, in, 6f);
            case "sigmoid" -> unary(g, "Sigmoid", name, in);
            case "tanh" -> unary(g, "Tanh", name, in);
            default -> throw unsupported(layer, "activation " + activation);
        };
    }

    private static String relu(OnnxGraph g, String name, String in) {
        return unary(g, "Relu", name, in);
    }

    private static String unary(OnnxGraph g, String op, String name, String in) {
        String out = g.fresh(name);
        g.node(op, name, List.of(in), out).add();
        return out;
    }

    private static String clip(OnnxGraph g, String name, String in, float max) {
        String out = g.fresh(name);
        String lo = g.floats(g.fresh(name + "/min"), new long[0], new float[] {0f});
        String hi = g.floats(g.fresh(name + "/max"), new long[0], new float[] {max});
        g.node("Clip", name, List.of(in, lo, hi), out).add();
        return out;
    }
}
