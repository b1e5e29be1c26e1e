package dev.engram.vos.features;

import dev.engram.vos.features.layers.LayersModel;
import dev.engram.vos.features.layers.LayersModelOnnx;
import dev.engram.vos.features.layers.OnnxNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A convolutional backbone on ONNX Runtime: a user's {@code .onnx} file, a TF.js/Keras layers model
 * ({@code model.json} + shards, translated by {@link LayersModelOnnx}), or the packaged ImageNet
 * MobileNetV2 ({@link PackagedBackbone}). Every output map of the network (e.g. the stride-8 and
 * stride-16 maps) is reduced to {@link #dims()} features by a fixed random projection seeded by the
 * stream's seed (variance 1/C per map), the projections of all maps are summed and upsampled
 * bilinearly to working resolution. Values are left unsquashed: the target model uses them linearly.
 *
 * <p>Input: RGB scaled to {@code x / 255} for layers models (the packaged model's batch-norm
 * statistics were estimated on that range), and ImageNet mean/deviation normalised for ONNX files
 * (as for TorchScript backbones). Inference runs on one intra-op thread, so features are identical
 * for identical input, also after a restore. Owns a native session: close it. Not thread-safe (the
 * session's buffers and the arrays the input and the upsampling are computed in are kept from call to call).
 */
public final class OnnxBackbone implements FeatureBackbone {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OnnxNetwork network;
    private final String description;
    private final int dims;
    private final long seed;
    private final int inputSide;
    private final boolean imagenetNormalised;
    private final Map<String, float[]> projections = new java.util.HashMap<>();
    /** The network's input (planar, normalised) and the maps' rows interpolated along x, kept for the last few sizes. */
    private final KeptBySize<float[]> inputs = new KeptBySize<>();
    private final KeptBySize<float[][]> xRows = new KeptBySize<>();

    private OnnxBackbone(OnnxNetwork network, String description, int dims, long seed, int inputSide, boolean imagenetNormalised) {
        if (dims <= 0) throw new IllegalArgumentException("backbone dims must be positive, got " + dims);
        this.network = network;
        this.description = description;
        this.dims = dims;
        this.seed = seed;
        this.inputSide = inputSide;
        this.imagenetNormalised = imagenetNormalised;
    }

    /**
     * Opens a layers model directory (or its model.json), an {@code .onnx} file.
     *
     * @param inputSide longer side of the network's input image, 0 = working resolution
     * @throws IllegalArgumentException naming the path when it does not exist or cannot be loaded
     */
    public static OnnxBackbone open(Path path, int dims, long seed, int inputSide) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) throw new IllegalArgumentException("vos.backbone: " + p + " does not exist");
        boolean layers = Files.isDirectory(p) ? Files.isRegularFile(p.resolve("model.json")) : p.getFileName().toString().endsWith(".json");
        if (layers) {
            LayersModel model;
            try {
                model = LayersModel.read(p);
            } catch (IOException e) {
                throw new IllegalArgumentException("vos.backbone: " + e.getMessage(), e);
            }
            return new OnnxBackbone(OnnxNetwork.load(LayersModelOnnx.convert(model), 1), "layers:" + model.name(), dims, seed,
                    inputSide, false);
        }
        return new OnnxBackbone(OnnxNetwork.load(p, 1), "onnx:" + p.getFileName(), dims, seed, inputSide, true);
    }

    @Override
    public int dims() {
        return dims;
    }

    @Override
    public int inputSide() {
        return inputSide;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The network's raw output maps for an RGB image (interleaved bytes), for inspection and tests. */
    public Map<String, OnnxNetwork.FeatureMap> maps(byte[] rgb, int width, int height) {
        int n = width * height;
        if (rgb.length != n * 3) {
            throw new IllegalArgumentException("expected " + n * 3 + " RGB bytes for " + width + "x" + height + ", got " + rgb.length);
        }
        float[] chw = inputs.get(a -> a.length == n * 3, () -> new float[n * 3]);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < n; p++) {
                float v = (rgb[p * 3 + c] & 0xFF) / 255f;
                chw[c * n + p] = imagenetNormalised ? (v - MEAN[c]) / STD[c] : v;
            }
        }
        return network.run(chw, 3, height, width);
    }

    @Override
    public void writeFeatures(byte[] rgb, int width, int height, int outWidth, int outHeight, float[][] out, int offset, int stride) {
        Map<String, OnnxNetwork.FeatureMap> all = maps(rgb, width, height);
        float[][] lows = new float[all.size()][];
        int[] ws = new int[lows.length], hs = new int[lows.length];
        int i = 0;
        for (OnnxNetwork.FeatureMap map : all.values()) {
            int c = map.channels(), cells = map.height() * map.width();
            float[] proj = projection(map.name(), c), values = map.values();
            // Interleaved low[cell * dims + k], accumulated over channels in order (as one map at a time would).
            float[] low = new float[cells * dims];
            float[] column = new float[dims];
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < dims; k++) column[k] = proj[k * c + ch];
                int base = ch * cells;
                for (int q = 0; q < cells; q++) {
                    float v = values[base + q];
                    int o = q * dims;
                    for (int k = 0; k < dims; k++) low[o + k] += column[k] * v;
                }
            }
            lows[i] = low;
            ws[i] = map.width();
            hs[i] = map.height();
            i++;
        }
        float[][] rows = xRows.get(r -> fits(r, hs, outWidth), () -> {
            float[][] r = new float[hs.length][];
            for (int m = 0; m < hs.length; m++) r[m] = new float[hs[m] * outWidth * dims];
            return r;
        });
        Resample.bilinearUpSum(lows, ws, hs, dims, out, outWidth, outHeight, offset, stride, rows);
    }

    /** Whether kept x-interpolated rows fit maps of these heights upsampled to this width. */
    private boolean fits(float[][] rows, int[] hs, int outWidth) {
        if (rows.length != hs.length) return false;
        for (int m = 0; m < hs.length; m++) if (rows[m].length != hs[m] * outWidth * dims) return false;
        return true;
    }

    /** Gaussian projection dims×C with variance 1/C per output map, seeded by the stream seed and the map's name. */
    private float[] projection(String name, int c) {
        float[] p = projections.get(name);
        if (p != null && p.length == dims * c) return p;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L ^ name.hashCode());
        p = new float[dims * c];
        double scale = 1 / Math.sqrt(c);
        for (int i = 0; i < p.length; i++) {
            double u = rnd.nextDouble(), v = rnd.nextDouble();
            p[i] = (float) (StrictMath.sqrt(-2 * StrictMath.log(1 - u)) * StrictMath.cos(2 * Math.PI * v) * scale);
        }
        projections.put(name, p);
        return p;
    }

    /** The network's output names. */
    public List<String> outputs() {
        return network.outputs();
    }

    @Override
    public void close() {
        network.close();
    }
}
