package dev.engram.vos.features.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Outputs of a layers model computed by @tensorflow/tfjs@4.22.0 (CPU backend) with
 * {@code src/main/node/tfjs-reference.js reference}, and the fixed input that script feeds.
 */
record TfjsReference(int width, int height, JsonNode outputs) {
    static TfjsReference read(Path json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        return new TfjsReference(root.path("width").asInt(), root.path("height").asInt(), root.path("outputs"));
    }

    /** The script's input, channel-major for ONNX: ((7x + 13y + 29c + (x*y mod 11)) mod 256) / 255. */
    float[] inputChw() {
        float[] v = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    v[(c * height + y) * width + x] = (float) (((7 * x + 13 * y + 29 * c + (x * y) % 11) % 256) / 255.0);
                }
            }
        }
        return v;
    }

    /** Output {@code name} reordered from TF.js's NHWC to channel-major. */
    float[] outputChw(String name) {
        for (JsonNode o : outputs) {
            if (!o.path("name").asText().equals(name)) continue;
            int h = o.path("shape").get(1).asInt(), w = o.path("shape").get(2).asInt(), c = o.path("shape").get(3).asInt();
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(o.path("values").asText())).order(ByteOrder.LITTLE_ENDIAN);
            float[] nhwc = new float[h * w * c];
            b.asFloatBuffer().get(nhwc);
            float[] chw = new float[nhwc.length];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int k = 0; k < c; k++) chw[(k * h + y) * w + x] = nhwc[(y * w + x) * c + k];
            return chw;
        }
        throw new IllegalArgumentException("no reference output " + name);
    }

    int[] shape(String name) {
        for (JsonNode o : outputs) {
            if (o.path("name").asText().equals(name)) {
                return new int[] {o.path("shape").get(3).asInt(), o.path("shape").get(1).asInt(), o.path("shape").get(2).asInt()};
            }
        }
        throw new IllegalArgumentException("no reference output " + name);
    }
}
