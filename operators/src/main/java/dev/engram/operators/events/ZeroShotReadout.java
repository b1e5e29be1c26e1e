package dev.engram.operators.events;

import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.zeroshot.ProjectionHead;
import dev.engram.snn.zeroshot.ZeroShotModel;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Audio and vision streams through their own reservoirs and projection heads ({@link ZeroShotModel},
 * saved by {@code engram events zeroshot --save-model}). A stream's modality is the model side whose
 * sensor its first chunk matches (34x34 for N-MNIST digits, 64x1 for the cochlea); a stream that
 * matches neither is dead-lettered. A finished sample becomes its unit embedding in the shared space
 * ({@code embedding}), the similarities to the other modality's class anchors ({@code scores}, NaN
 * for classes without an anchor) and the best of them ({@code predicted}): zero-shot for classes the
 * heads never trained on.
 */
final class ZeroShotReadout implements ReservoirReadout {
    private static final long serialVersionUID = 1L;

    private final byte[] model;
    private transient ZeroShotModel loaded;
    private transient LifReservoir vision;
    private transient LifReservoir audio;

    ZeroShotReadout(ZeroShotModel model) {
        this.model = model.toBytes();
    }

    @Override
    public void open() throws IOException {
        loaded = ZeroShotModel.fromBytes(model);
        ZeroShotModel.Side v = loaded.vision(), a = loaded.audio();
        vision = StreamEncoding.ReservoirCache.get(v.lsm(), v.width(), v.height());
        audio = StreamEncoding.ReservoirCache.get(a.lsm(), a.width(), a.height());
    }

    @Override
    public LifReservoir reservoirFor(EventChunk chunk, Consumer<String> warning) {
        if (matches(chunk, loaded.vision())) return vision;
        if (matches(chunk, loaded.audio())) return audio;
        throw new IllegalArgumentException(chunk.origin + ": sensor " + chunk.width + "x" + chunk.height + " matches neither the vision ("
                + loaded.vision().width() + "x" + loaded.vision().height() + ") nor the audio (" + loaded.audio().width() + "x"
                + loaded.audio().height() + ") reservoir of the zero-shot model");
    }

    private static boolean matches(EventChunk c, ZeroShotModel.Side s) {
        return c.width == s.width() && c.height == s.height();
    }

    @Override
    public void complete(EventResult r, StreamEncoding.Encoded e, LifReservoir reservoir) {
        ZeroShotModel.Side a = loaded.audio();
        boolean isAudio = reservoir.sensorWidth() == a.width() && reservoir.sensorHeight() == a.height();
        ProjectionHead head = isAudio ? loaded.heads().audio() : loaded.heads().vision();
        double[] embedding = head.embed(e.features());
        r.modality = isAudio ? "audio" : "vision";
        r.scores = isAudio ? loaded.scoresForAudio(embedding) : loaded.scoresForVision(embedding);
        r.predicted = ZeroShotModel.argmax(r.scores);
        r.embedding = new float[embedding.length];
        for (int k = 0; k < embedding.length; k++) r.embedding[k] = (float) embedding[k];
    }
}
