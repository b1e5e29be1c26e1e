package dev.engram.vos.features;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A user-supplied convolutional backbone loaded with DJL on the PyTorch engine: a TorchScript
 * {@code .pt} file, or a DJL model directory (parameters such as {@code model-0000.params}, with the
 * block named by {@code blockFactory=…} and the file prefix by {@code option.modelName=…} in its
 * {@code serving.properties}; the prefix defaults to the directory's name). The model takes a 1×3×H×W float image (RGB in 0..1, normalised with
 * the ImageNet mean and deviation) and returns a feature map C×h×w (first output; a leading batch
 * dimension of 1 is allowed). The C channels are reduced to {@link #dims()} by a fixed random
 * projection seeded by the stream's seed (so memory entries stay small), the result is upsampled
 * bilinearly to working resolution and squashed to 0..1 with {@code 0.5 + 0.5 tanh(x)}.
 *
 * <p>A model is loaded once per JVM and path and shared (reference counted) by every open
 * backbone on it: restoring a learner from a checkpoint reopens the backbone cheaply. Each call
 * runs inside its own {@link NDManager}, so no native memory outlives it. Nothing is downloaded:
 * run with {@code -Dai.djl.offline=true} and the PyTorch native jar on the class path.
 */
public final class DjlBackbone implements FeatureBackbone {
    /** Features per pixel a backbone contributes unless told otherwise. */
    public static final int DEFAULT_DIMS = 8;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final Map<Path, Loaded> LOADED = new HashMap<>();

    private final Path path;
    private final int dims;
    private final long seed;
    private Loaded loaded;
    /** Projection dims×C, made on the first frame once C is known. */
    private float[] projection;
    private int channels = -1;

    private DjlBackbone(Path path, int dims, long seed, Loaded loaded) {
        this.path = path;
        this.dims = dims;
        this.seed = seed;
        this.loaded = loaded;
    }

    /**
     * Opens the model at {@code path} (loading it unless this JVM already has it).
     *
     * @throws IllegalArgumentException naming the path when it does not exist or DJL cannot load it
     */
    public static DjlBackbone open(Path path, int dims, long seed) {
        if (dims <= 0) throw new IllegalArgumentException("backbone dims must be positive, got " + dims);
        Path key = path.toAbsolutePath().normalize();
        if (!Files.exists(key)) {
            throw new IllegalArgumentException("vos.backbone: " + key + " does not exist (expected a TorchScript .pt file"
                    + " or a DJL model directory)");
        }
        synchronized (LOADED) {
            Loaded l = LOADED.get(key);
            if (l == null) {
                l = new Loaded(load(key));
                LOADED.put(key, l);
            }
            l.users++;
            return new DjlBackbone(key, dims, seed, l);
        }
    }

    private static ZooModel<NDList, NDList> load(Path path) {
        dev.engram.runtime.CpuKernels.pin();
        try {
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(path)
                    .optEngine("PyTorch")
                    .optTranslator(new NoopTranslator())
                    .build();
            return criteria.loadModel();
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new IllegalArgumentException("vos.backbone: cannot load a DJL model from " + path + ": " + e, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return "torchscript:" + path.getFileName();
    }

    @Override
    public int dims() {
        return dims;
    }

    @Override
    public void writeFeatures(byte[] rgb, int width, int height, int outWidth, int outHeight, float[][] out, int offset, int stride) {
        if (loaded == null) throw new IllegalStateException("backbone " + path + " is closed");
        int n = width * height;
        if (rgb.length != n * 3) {
            throw new IllegalArgumentException("expected " + n * 3 + " RGB bytes for " + width + "x" + height + ", got " + rgb.length);
        }
        float[] chw = new float[n * 3];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) chw[c * n + p] = ((rgb[p * 3 + c] & 0xFF) / 255f - MEAN[c]) / STD[c];
        }
        Model model = loaded.model;
        float[] low;
        int fw, fh;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray input = m.create(chw, new Shape(1, 3, height, width));
            NDList result = model.getBlock().forward(new ParameterStore(m, false), new NDList(input), false);
            if (result.isEmpty()) throw new IllegalStateException("backbone " + path + " returned no output");
            NDArray map = result.get(0);
            Shape s = map.getShape();
            if (s.dimension() == 4 && s.get(0) == 1) map = map.squeeze(0);
            s = map.getShape();
            if (s.dimension() != 3) {
                throw new IllegalStateException("backbone " + path + " returned shape " + result.get(0).getShape()
                        + "; expected a feature map C×h×w or 1×C×h×w");
            }
            int c = (int) s.get(0);
            fh = (int) s.get(1);
            fw = (int) s.get(2);
            NDArray proj = m.create(projection(c), new Shape(dims, c));
            low = proj.matMul(map.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(c, (long) fh * fw)).toFloatArray();
        }
        float[] plane = new float[fw * fh];
        for (int k = 0; k < dims; k++) {
            System.arraycopy(low, k * fw * fh, plane, 0, plane.length);
            float[] up = Resample.bilinearUp(plane, fw, fh, outWidth, outHeight);
            for (int y = 0, p = 0; y < outHeight; y++) {
                float[] row = out[y];
                for (int x = 0; x < outWidth; x++, p++) row[x * stride + offset + k] = 0.5f + 0.5f * (float) StrictMath.tanh(up[p]);
            }
        }
    }

    /** Gaussian projection dims×C with variance 1/C, seeded: the same for every stream with that seed. */
    private float[] projection(int c) {
        if (c != channels) {
            SplittableRandom rnd = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
            float[] p = new float[dims * c];
            double scale = 1 / Math.sqrt(c);
            for (int i = 0; i < p.length; i++) {
                double u = rnd.nextDouble(), v = rnd.nextDouble();
                p[i] = (float) (StrictMath.sqrt(-2 * StrictMath.log(1 - u)) * StrictMath.cos(2 * Math.PI * v) * scale);
            }
            projection = p;
            channels = c;
        }
        return projection;
    }

    /** Releases this backbone; the model itself is closed when its last user closes. */
    @Override
    public void close() {
        synchronized (LOADED) {
            if (loaded == null) return;
            if (--loaded.users == 0) {
                LOADED.remove(path);
                loaded.model.close();
            }
            loaded = null;
        }
    }

    private static final class Loaded {
        final ZooModel<NDList, NDList> model;
        int users;

        Loaded(ZooModel<NDList, NDList> model) {
            this.model = model;
        }
    }
}
