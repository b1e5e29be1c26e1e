package dev.engram.vos.features.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model in the TF.js layers format: {@code model.json} (topology and weights manifest) and
 * its binary weight shards, read into memory with every weight dequantized to float32. Both
 * topology layouts are accepted: Keras-converted ({@code modelTopology.model_config}) and
 * tfjs-saved ({@code modelTopology} is the model config). Weights quantized as {@code uint8} or
 * {@code uint16} become {@code min + scale × q}; {@code float16} is not supported.
 *
 * <p>Failure behaviour: {@link #read} throws IOException naming the file and the problem when the
 * JSON is not a layers model, a shard is missing or shorter than the manifest says, or a weight
 * has an unsupported dtype. Layer semantics are not checked here but by {@link LayersModelOnnx}.
 */
public final class LayersModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One layer: its Keras class, config, and the tensors it reads ({@code layer name}s, first output each). */
    public record Layer(String name, String className, JsonNode config, List<String> inbound) {}

    private final String name;
    private final List<Layer> layers;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Weight> weights;

    /** A dequantized weight tensor in its Keras layout (e.g. HWIO kernels). */
    public record Weight(String name, int[] shape, float[] values) {}

    private LayersModel(String name, List<Layer> layers, List<String> inputs, List<String> outputs, Map<String, Weight> weights) {
        this.name = name;
        this.layers = layers;
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = weights;
    }

    /** Reads {@code model.json} in {@code dir} (or the file itself when given) and the shards it names beside it. */
    public static LayersModel read(Path modelJsonOrDir) throws IOException {
        Path json = Files.isDirectory(modelJsonOrDir) ? modelJsonOrDir.resolve("model.json") : modelJsonOrDir;
        if (!Files.isRegularFile(json)) throw new IOException(json + ": no TF.js layers model.json there");
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not JSON: " + e.getMessage(), e);
        }
        JsonNode topology = root.path("modelTopology");
        JsonNode modelConfig = topology.has("model_config") ? topology.path("model_config") : topology;
        JsonNode config = modelConfig.path("config");
        if (!config.path("layers").isArray() || !root.path("weightsManifest").isArray()) {
            throw new IOException(json + ": not a TF.js layers model (needs modelTopology with layers and a weightsManifest)");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : config.path("layers")) {
            List<String> inbound = new ArrayList<>();
            for (JsonNode node : l.path("inbound_nodes")) {
                for (JsonNode in : node) inbound.add(in.get(0).asText());
            }
            layers.add(new Layer(l.path("name").asText(l.path("config").path("name").asText()), l.path("class_name").asText(),
                    l.path("config"), List.copyOf(inbound)));
        }
        return new LayersModel(config.path("name").asText("model"), List.copyOf(layers), names(config.path("input_layers")),
                names(config.path("output_layers")), readWeights(json, root.path("weightsManifest")));
    }

    private static List<String> names(JsonNode refs) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : refs) out.add(r.get(0).asText());
        return List.copyOf(out);
    }

    private static Map<String, Weight> readWeights(Path json, JsonNode manifest) throws IOException {
        Map<String, Weight> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            // A group's shards are one byte stream cut into files.
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (JsonNode p : group.path("paths")) {
                Path shard = json.resolveSibling(p.asText());
                if (!Files.isRegularFile(shard)) throw new IOException(json + ": weight shard " + shard + " is missing");
                joined.write(Files.readAllBytes(shard));
            }
            ByteBuffer data = ByteBuffer.wrap(joined.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                int[] shape = new int[w.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asInt();
                    count *= shape[i];
                }
                if (count > Integer.MAX_VALUE / 4) throw new IOException(json + ": weight " + name + " is too large");
                float[] values = new float[(int) count];
                JsonNode q = w.path("quantization");
                String dtype = q.isMissingNode() ? w.path("dtype").asText("float32") : q.path("dtype").asText();
                int width = switch (dtype) {
                    case "float32" -> 4;
                    case "uint8" -> 1;
                    case "uint16" -> 2;
                    default -> throw new IOException(json + ": weight " + name + " has unsupported dtype " + dtype);
                };
                if (data.remaining() < count * width) {
                    throw new IOException(json + ": weight " + name + " needs " + count * width + " bytes but the shards end after "
                            + data.remaining() + " more");
                }
                if (q.isMissingNode()) {
                    for (int i = 0; i < values.length; i++) values[i] = data.getFloat();
                } else {
                    values = dequantize(data, values.length, width, q.path("min").asDouble(), q.path("scale").asDouble());
                }
                out.put(name, new Weight(name, shape, values));
            }
        }
        return out;
    }

    /**
     * {@code min + scale × q} for {@code count} unsigned integers of {@code width} bytes, computed in
     * double and rounded to float as TF.js does (JavaScript numbers stored into a Float32Array).
     */
    static float[] dequantize(ByteBuffer data, int count, int width, double min, double scale) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            int q = width == 1 ? data.get() & 0xFF : data.getShort() & 0xFFFF;
            v[i] = (float) (q * scale + min);
        }
        return v;
    }

    public String name() { return name; }
    public List<Layer> layers() { return layers; }
    public List<String> inputs() { return inputs; }
    public List<String> outputs() { return outputs; }

    /** The weight {@code layerName/suffix}, or null. */
    public Weight weight(String layerName, String suffix) {
        return weights.get(layerName + "/" + suffix);
    }

    public int weightCount() { return weights.size(); }
}
