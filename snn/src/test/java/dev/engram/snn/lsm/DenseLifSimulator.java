package dev.engram.snn.lsm;

import dev.engram.snn.events.EventBatch;

/**
 * Reference simulation of the same model the dense way: every step updates every neuron, and the
 * recurrent input is the product of a dense N x N weight matrix with the spike vector. Used to check
 * the event-driven {@link ReservoirState} and as the "dense" side of the throughput benchmark.
 */
public final class DenseLifSimulator {
    private final LifReservoir r;
    private final float[] w; // [from * n + to]
    private final float[] v;
    private final float[] syn;
    private final float[] in;
    private final int[] refractoryUntil;
    private final boolean[] spiked;
    public long synapticOps;

    public DenseLifSimulator(LifReservoir r) {
        this.r = r;
        int n = r.neurons;
        w = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = r.synPtr[j]; k < r.synPtr[j + 1]; k++) w[j * n + r.synTarget[k]] += r.synWeight[k];
        }
        v = new float[n];
        syn = new float[n];
        in = new float[n];
        refractoryUntil = new int[n];
        spiked = new boolean[n];
    }

    /** Runs a whole sample from rest, steps counted from its first event; returns spike counts per neuron. */
    public int[] run(EventBatch sample) {
        int n = r.neurons;
        java.util.Arrays.fill(v, 0);
        java.util.Arrays.fill(syn, 0);
        java.util.Arrays.fill(refractoryUntil, 0);
        java.util.Arrays.fill(spiked, false);
        int[] counts = new int[n];
        int m = sample.size();
        if (m == 0) return counts;
        long t0 = sample.tUs()[0];
        int lastStep = (int) ((sample.tUs()[m - 1] - t0) / r.stepUs);
        int e = 0;
        float eps = 1e-6f * Math.abs(r.threshold);
        for (int s = 0; s <= lastStep; s++) {
            java.util.Arrays.fill(in, 0);
            while (e < m && (sample.tUs()[e] - t0) / r.stepUs <= s) {
                int x = sample.x()[e], y = sample.y()[e];
                if (x >= 0 && y >= 0 && x < r.sensorWidth && y < r.sensorHeight) {
                    int c = r.channel(x, y, sample.polarity()[e] != 0 ? 1 : 0);
                    for (int k = r.inPtr[c]; k < r.inPtr[c + 1]; k++) in[r.inTarget[k]] += r.inWeight[k];
                }
                e++;
            }
            // Dense product: in += W^T spikes, over every pair.
            for (int j = 0; j < n; j++) {
                float sj = spiked[j] ? 1f : 0f;
                int row = j * n;
                for (int i = 0; i < n; i++) in[i] += w[row + i] * sj;
            }
            synapticOps += (long) n * n;
            for (int i = 0; i < n; i++) {
                float cur = r.currentSynapses ? r.alphaS * syn[i] + in[i] : in[i];
                spiked[i] = false;
                if (s < refractoryUntil[i]) {
                    v[i] = 0f;
                } else {
                    float vi = r.alphaM * v[i] + cur;
                    if (vi >= r.threshold) {
                        vi = 0f;
                        refractoryUntil[i] = s + 1 + r.refractorySteps;
                        spiked[i] = true;
                        counts[i]++;
                    }
                    v[i] = vi;
                }
                syn[i] = r.currentSynapses && Math.abs(cur) > eps ? cur : 0f;
            }
        }
        return counts;
    }
}
