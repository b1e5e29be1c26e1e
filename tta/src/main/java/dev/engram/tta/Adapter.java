package dev.engram.tta;

/**
 * A classifier that adapts to the batches it predicts (online: the predictions of a batch come from
 * the forward pass that also adapts on it). Not thread-safe; one adapter per stream. Native memory is
 * owned by the adapter and released by {@link #close()}.
 */
public interface Adapter extends AutoCloseable {
    Method method();

    /**
     * Predicts {@code count} images (row-major grey pixels in [0, 1], model input size) and adapts.
     * Failure: a pixel count that is not {@code count} images is an {@link IllegalArgumentException}.
     */
    Step step(float[] pixels, int count);

    /** Back to the source state: adapted parameters and optimiser state as after construction. */
    void reset();

    /** The adaptation state (parameters, optimiser, counters), enough to continue bit-exactly. */
    AdapterState state();

    /** Continues from a state taken by {@link #state()} of an adapter of the same method and model. */
    void restore(AdapterState state);

    /** Parameters the method changes at test time. */
    long trainableParameterCount();

    @Override
    void close();

    /** One step's outcome. */
    record Step(int[] predictions, double meanEntropy, double maxClassShare, AdaptationMemory memory,
            boolean reset) {}
}
