package dev.engram.snn.lsm;

/** Told of every reservoir spike, in step order (within a step, in no promised order). */
@FunctionalInterface
public interface SpikeListener {
    SpikeListener NONE = (neuron, step) -> { };

    void spike(int neuron, int step);
}
