package dev.engram.tta;

/**
 * Bytes one adaptation step holds, measured from the engine's arrays: the trainable parameters, their
 * gradients, the optimiser state, and the activations alive for backpropagation after the forward
 * pass (every array in the step's scope, excluding the input batch and detached views that share
 * storage with an array already counted).
 */
public record AdaptationMemory(long trainableParameterBytes, long gradientBytes, long optimizerStateBytes,
        long activationBytes) {
    public static final AdaptationMemory NONE = new AdaptationMemory(0, 0, 0, 0);

    public long totalBytes() {
        return trainableParameterBytes + gradientBytes + optimizerStateBytes + activationBytes;
    }

    public AdaptationMemory max(AdaptationMemory o) {
        return totalBytes() >= o.totalBytes() ? this : o;
    }
}
