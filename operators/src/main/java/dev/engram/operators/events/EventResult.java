package dev.engram.operators.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the reservoir operator emits for one sample (a whole file) or one time window of a stream:
 * the readout's prediction and class scores when a model is loaded, else the reservoir features
 * ({@link #embedding}: spike counts per time bin and neuron, layout {@code [bin][neuron]}).
 * A public-field POJO so Flink serializes it without Kryo.
 */
public class EventResult {
    public String streamId;
    /** The file the sample or window came from. */
    public String origin;
    /** Sample or window number within the stream, from 0. */
    public long index;
    /** Time of the first event (sample) or the window start, in microseconds. */
    public long tStartUs;
    /** Time of the last event (sample) or the window end (exclusive), in microseconds. */
    public long tEndUs;
    /** Input events in the sample or window. */
    public long events;
    /** Reservoir spikes in the sample or window. */
    public long spikes;
    /** True class of a labelled sample, else -1. */
    public int label = -1;
    /** Predicted class, or -1 without a readout. */
    public int predicted = -1;
    /** Class scores of the readout (higher = more likely), or null without one. */
    public double[] scores;
    /**
     * Reservoir features when there is no readout; the unit embedding in the shared audio-vision space
     * of a zero-shot readout; null when a classifier turned the features into a prediction.
     */
    public float[] embedding;
    /** {@code audio} or {@code vision} for a zero-shot readout's results, else null. */
    public String modality;

    /** Set on the marker that the stream has ended; such a result carries nothing else. */
    public boolean endOfStream;

    public EventResult() {}

    /** The end-of-stream marker of {@code streamId}. */
    public static EventResult end(String streamId) {
        EventResult r = new EventResult();
        r.streamId = streamId;
        r.index = -1;
        r.endOfStream = true;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventResult r && index == r.index && tStartUs == r.tStartUs && tEndUs == r.tEndUs
                && events == r.events && spikes == r.spikes && label == r.label && predicted == r.predicted
                && Objects.equals(streamId, r.streamId) && Objects.equals(origin, r.origin) && Objects.equals(modality, r.modality)
                && Arrays.equals(scores, r.scores) && Arrays.equals(embedding, r.embedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, index, predicted);
    }

    @Override
    public String toString() {
        return "EventResult{" + streamId + "#" + index + " [" + tStartUs + ", " + tEndUs + "] " + events + " events, "
                + spikes + " spikes, label " + label + ", predicted " + predicted + "}";
    }
}
