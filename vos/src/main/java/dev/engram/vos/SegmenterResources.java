package dev.engram.vos;

import dev.engram.vos.features.DjlBackbone;
import dev.engram.vos.features.FeatureBackbone;
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
 * <p>Parts are created on first use and released together by {@link #close()}; open and close an
 * instance in one scope (an operator's {@code open}/{@code close}, or try-with-resources). Not
 * thread-safe.
 */
public final class SegmenterResources implements AutoCloseable {
    private final Map<String, FeatureBackbone> backbones = new HashMap<>();
    private DenseFlow flow;
    private boolean closed;

    /** The DIS flow at the segmenter's preset, created on first use. */
    DenseFlow flow() {
        requireOpen();
        if (flow == null) flow = new DenseFlow(OnlineSegmenter.FLOW_PRESET);
        return flow;
    }

    /**
     * The backbone at {@code path} with the feature projection of {@code seed}, loaded on first use;
     * null for an empty path.
     *
     * @throws IllegalArgumentException naming the path when no model can be loaded from it
     */
    FeatureBackbone backbone(String path, long seed) {
        requireOpen();
        String p = path.strip();
        if (p.isEmpty()) return null;
        String key = p + "#" + seed;
        FeatureBackbone b = backbones.get(key);
        if (b == null) {
            b = DjlBackbone.open(Path.of(p), DjlBackbone.DEFAULT_DIMS, seed);
            backbones.put(key, b);
        }
        return b;
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("segmenter resources are closed");
    }

    @Override
    public void close() {
        closed = true;
        if (flow != null) flow.close();
        flow = null;
        backbones.values().forEach(FeatureBackbone::close);
        backbones.clear();
    }
}
