package dev.engram.vos;

import dev.engram.vos.features.DjlBackbone;
import dev.engram.vos.features.EdgeRefinement;
import dev.engram.vos.features.FeatureBackbone;
import dev.engram.vos.features.FeatureMats;
import dev.engram.vos.features.KeptBySize;
import dev.engram.vos.features.OnnxBackbone;
import dev.engram.vos.features.PackagedBackbone;
import dev.engram.vos.flow.DenseFlow;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The native parts a {@link Segmenter} computes with: the DIS optical-flow object and any loaded
 * feature backbone. They are not learner state: a learner holds arrays only, so it can be
 * serialized, copied and restored (RocksDB deserializes it on every access) without opening a
 * native resource. One instance serves any number of learners and streams on one thread (DIS keeps
 * nothing between calls, a backbone is a pure function of its input), so results do not depend on
 * which instance a learner meets after a restore.
 *
 * <p>It also lends the frame-sized arrays a frame is computed in (the working image's feature rows and
 * native images, the edge refinement's buffers, the composed mask's scores), reused from frame to frame
 * (they are megabytes, and allocating them per frame cost a memory clear and garbage collection on every
 * frame); a learner uses them only within one call. Those of the last {@link KeptBySize#CAPACITY} frame
 * sizes are kept, so cameras of a few sizes taking turns on one operator do not rebuild them per frame.
 *
 * <p>Parts are created on first use and released together by {@link #close()}; open and close an
 * instance in one scope (an operator's {@code open}/{@code close}, or try-with-resources). Not
 * thread-safe.
 */
public final class SegmenterResources implements AutoCloseable {
    private final Map<String, FeatureBackbone> backbones = new HashMap<>();
    private final Map<FlowSetting, DenseFlow> flows = new HashMap<>();
    private final KeptBySize<FeatureMats> featureMats = new KeptBySize<>(FeatureMats::close);
    private final KeptBySize<float[][]> featureRows = new KeptBySize<>();
    private final KeptBySize<EdgeRefinement.Buffers> refinement = new KeptBySize<>();
    private final KeptBySize<float[]> frameMaps = new KeptBySize<>();
    private boolean closed;

    /**
     * Feature rows of {@code rows} arrays of {@code length} floats, with whatever values the last user
     * left (the caller overwrites them). Kept per shape for the last {@link KeptBySize#CAPACITY} shapes:
     * calls with a kept shape get the same arrays.
     */
    float[][] featureRows(int rows, int length) {
        requireOpen();
        return featureRows.get(r -> r.length == rows && r[0].length == length, () -> new float[rows][length]);
    }

    /**
     * Native images for the built-in features of frames of this size worked at this size; kept for the
     * last {@link KeptBySize#CAPACITY} sizes (the evicted ones freed).
     */
    FeatureMats featureMats(int frameWidth, int frameHeight, int width, int height) {
        requireOpen();
        return featureMats.get(m -> m.fits(frameWidth, frameHeight, width, height),
                () -> new FeatureMats(frameWidth, frameHeight, width, height));
    }

    /** Buffers for the edge refinement of frames of this size worked at this size; kept for the last {@link KeptBySize#CAPACITY} sizes. */
    EdgeRefinement.Buffers refinement(int frameWidth, int frameHeight, int width, int height) {
        requireOpen();
        return refinement.get(b -> b.fits(frameWidth, frameHeight, width, height),
                () -> new EdgeRefinement.Buffers(frameWidth, frameHeight, width, height));
    }

    /** A map of {@code length} floats with whatever values the last user left; kept for the last {@link KeptBySize#CAPACITY} lengths. */
    float[] frameMap(int length) {
        requireOpen();
        return frameMaps.get(m -> m.length == length, () -> new float[length]);
    }

    /**
     * The DIS flow at {@code preset} (OpenCV's number, 0..2) with {@code refinement} variational
     * iterations and patches {@code patchStride} apart (-1 = the preset's), created on first use; one
     * per setting, so streams restored with different settings can take turns on one operator without
     * re-creating it.
     */
    DenseFlow flow(int preset, int refinement, int patchStride) {
        requireOpen();
        return flows.computeIfAbsent(new FlowSetting(preset, refinement, patchStride),
                k -> new DenseFlow(preset, refinement, patchStride));
    }

    private record FlowSetting(int preset, int refinement, int patchStride) {}

    /**
     * The backbone at {@code path} with the feature projection of {@code seed}, loaded on first use;
     * null for an empty path.
     *
     * @throws IllegalArgumentException naming the path when no model can be loaded from it
     */
    FeatureBackbone backbone(VosOptions options) {
        requireOpen();
        String p = options.get(VosOptions.BACKBONE).strip();
        if (p.isEmpty()) return null;
        int dims = options.get(VosOptions.BACKBONE_DIMS), side = options.get(VosOptions.BACKBONE_SIDE);
        long seed = options.get(VosOptions.SEED);
        String key = p + "#" + seed + "#" + dims + "#" + side;
        FeatureBackbone b = backbones.get(key);
        if (b == null) {
            b = open(p, dims, seed, side);
            backbones.put(key, b);
        }
        return b;
    }

    /** ONNX Runtime for packaged, .onnx and layers models; DJL's PyTorch engine for TorchScript and DJL folders. */
    private static FeatureBackbone open(String p, int dims, long seed, int side) {
        if (p.equals(PackagedBackbone.NAME)) {
            if (!PackagedBackbone.present()) {
                throw new IllegalArgumentException("vos.backbone=packaged: the packaged backbone is not at "
                        + PackagedBackbone.location() + " (run vos/fetch-backbone.sh)");
            }
            return OnnxBackbone.open(PackagedBackbone.location(), dims, seed, side);
        }
        Path path = Path.of(p);
        boolean onnx = p.endsWith(".onnx") || p.endsWith("model.json")
                || (java.nio.file.Files.isDirectory(path) && java.nio.file.Files.isRegularFile(path.resolve("model.json")));
        if (onnx) return OnnxBackbone.open(path, dims, seed, side);
        return DjlBackbone.open(path, dims, seed);
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("segmenter resources are closed");
    }

    @Override
    public void close() {
        closed = true;
        featureRows.clear();
        refinement.clear();
        frameMaps.clear();
        featureMats.clear();
        flows.values().forEach(DenseFlow::close);
        flows.clear();
        backbones.values().forEach(FeatureBackbone::close);
        backbones.clear();
    }
}
