package dev.engram.operators.events;

import dev.engram.snn.lsm.LifReservoir;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * What {@link EventReservoirFunction} makes of a stream: which reservoir encodes it, and what a
 * finished sample or window becomes (a classifier's prediction, a zero-shot prediction with its
 * embedding, or the raw features). Serialisable into the job graph; models are decoded in
 * {@link #open()}, once per operator instance. Implementations keep no per-stream state: that lives
 * in the operator's keyed {@link StreamEncoding}.
 */
public interface ReservoirReadout extends Serializable {
    /** Decodes models; called in the operator's {@code open()}. */
    void open() throws IOException;

    /**
     * The reservoir for a stream, from its first chunk. Reports anything the caller should turn into a
     * dead letter while still encoding to {@code warning}.
     *
     * @throws IllegalArgumentException when no reservoir fits the stream (the chunk is dead-lettered)
     */
    LifReservoir reservoirFor(EventChunk first, Consumer<String> warning);

    /** Fills the readout's fields of {@code r} (prediction, scores, embedding, modality) from the features of a finished sample or window. */
    void complete(EventResult r, StreamEncoding.Encoded e, LifReservoir reservoir);
}
