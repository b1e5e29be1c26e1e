package dev.engram.vos;

import dev.engram.vos.features.DjlBackbone;
import dev.engram.vos.features.EdgeRefinement;
import dev.engram.vos.features.FeatureBackbone;
import dev.engram.vos.features.FeatureMats;
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
 * frame); a learner uses them only within one call.
 *
 * <p>Parts are created on first use and released together by {@link #close()}; open and close an
 * instance in one scope (an operator's {@code open}/{@code close}, or try-with-resources). Not
 * thread-safe.
 */
public final class SegmenterResources implements AutoCloseable {
    private final Map<String, FeatureBackbone> backbones = new HashMap<>();
    private final DenseFlow[] flows = new DenseFlow[3];
    private FeatureMats featureMats;
    private float[][] featureRows;
    private EdgeRefinement.Buffers refinement;
    private float[] frameMap;
    private boolean closed;

    /**
     * Feature rows of {@code rows} arrays of {@code length} floats, with whatever values the last user
     * left (the caller overwrites them). One shape is kept: consecutive calls with the same shape get
     * the same arrays; streams of different frame sizes taking turns on one operator allocate anew.
     */
    float[][] featureRows(int rows, int length) {
        requireOpen();
        if (featureRows == null || featureRows.length != rows || featureRows[0].length != length) {
            featureRows = new float[rows][length];
        }
        return featureRows;
    }

    /**
     * Native images for the built-in features of frames of this size worked at this size; kept while
     * the sizes stay the same (streams of other sizes taking turns on one operator get new ones).
     */
    FeatureMats featureMats(int frameWidth, int frameHeight, int width, int height) {
        requireOpen();
        if (featureMats == null || !featureMats.fits(frameWidth, frameHeight, width, height)) {
            if (featureMats != null) featureMats.close();
            featureMats = new FeatureMats(frameWidth, frameHeight, width, height);
        }
        return featureMats;
    }

    /** Buffers for the edge refinement of frames of this size worked at this size; kept while the sizes stay the same. */
    EdgeRefinement.Buffers refinement(int frameWidth, int frameHeight, int width, int height) {
        requireOpen();
        if (refinement == null || !refinement.fits(frameWidth, frameHeight, width, height)) {
            refinement = new EdgeRefinement.Buffers(frameWidth, frameHeight, width, height);
        }
        return refinement;
    }

    /** A map of {@code length} floats with whatever values the last user left; kept while the length stays the same. */
    float[] frameMap(int length) {
        requireOpen();
        if (frameMap == null || frameMap.length != length) frameMap = new float[length];
        return frameMap;
    }

    /**
     * The DIS flow at {@code preset} (OpenCV's number, 0..2), created on first use; one per preset, so
     * streams restored with different presets can take turns on one operator without re-creating it.
     */
    DenseFlow flow(int preset) {
        requireOpen();
        if (flows[preset] == null) flows[preset] = new DenseFlow(preset);
        return flows[preset];
    }

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
        featureRows = null;
        refinement = null;
        frameMap = null;
        if (featureMats != null) featureMats.close();
        featureMats = null;
        for (int i = 0; i < flows.length; i++) {
            if (flows[i] != null) flows[i].close();
            flows[i] = null;
        }
        backbones.values().forEach(FeatureBackbone::close);
        backbones.clear();
    }
}
