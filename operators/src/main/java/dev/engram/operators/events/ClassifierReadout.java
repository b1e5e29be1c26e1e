package dev.engram.operators.events;

import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.readout.Classifier;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One reservoir for every stream and, with a trained {@link EventModel}, its classifier: a sample or
 * window becomes a prediction with class scores; without a model, its reservoir features (the
 * embedding). With a model the reservoir is the model's (its options and sensor size; a stream on
 * another sensor is reported and its events outside the model's sensor are ignored); without one it
 * is built from the LSM options for the sensor of the stream's first chunk. Reservoirs are shared by
 * all streams of the same configuration in a task.
 */
final class ClassifierReadout implements ReservoirReadout {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> lsmText;
    private final byte[] model;
    private transient EventModel loaded;
    private transient Map<String, LifReservoir> reservoirs;

    ClassifierReadout(OptionSet lsm, EventModel model) {
        this.lsmText = new LinkedHashMap<>(EventModel.optionText(model == null ? lsm : model.lsm()));
        this.model = model == null ? null : model.toBytes();
    }

    @Override
    public void open() throws IOException {
        loaded = model == null ? null : EventModel.fromBytes(model);
        reservoirs = new LinkedHashMap<>();
    }

    @Override
    public LifReservoir reservoirFor(EventChunk chunk, Consumer<String> warning) {
        int w = loaded != null ? loaded.sensorWidth() : chunk.width;
        int h = loaded != null ? loaded.sensorHeight() : chunk.height;
        if (loaded != null && (chunk.width != w || chunk.height != h) && chunk.width > 0) {
            warning.accept(chunk.origin + ": sensor is " + chunk.width + "x" + chunk.height + " but the model was trained on "
                    + w + "x" + h + "; events outside " + w + "x" + h + " are ignored");
        }
        if (w <= 0 || h <= 0) throw new IllegalArgumentException(chunk.origin + ": sensor size unknown (" + w + "x" + h + ")");
        return reservoirs.computeIfAbsent(w + "x" + h, k -> StreamEncoding.ReservoirCache.get(lsmText, w, h));
    }

    @Override
    public void complete(EventResult r, StreamEncoding.Encoded e, LifReservoir reservoir) {
        if (loaded != null) {
            Classifier c = loaded.readout();
            r.scores = c.scores(e.features());
            r.predicted = Classifier.argmax(r.scores);
        } else {
            r.embedding = e.features();
        }
    }
}
