package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryBankOptionsTest {

    @Test
    void defaultsMatchTheConstructorsDefaults() {
        RmsclPolicy rmscl = new RmsclPolicy();
        WeightedFifoPolicy fifo = new WeightedFifoPolicy();
        GatedRegularizer grcl = new GatedRegularizer(MemoryBudget.unbounded(), 1);
        assertThat(MemoryBankOptions.FIFO_LEARNING_RATE.defaultValue()).isEqualTo(fifo.learningRate());
        assertThat(MemoryBankOptions.ANCHOR_FLOOR.defaultValue()).isEqualTo(fifo.anchorFloor()).isEqualTo(rmscl.anchorFloor());
        assertThat(MemoryBankOptions.RMSCL_TOP_K.defaultValue()).isEqualTo(rmscl.topK());
        assertThat(MemoryBankOptions.RMSCL_LAMBDA1.defaultValue()).isEqualTo(rmscl.lambda1());
        assertThat(MemoryBankOptions.RMSCL_LAMBDA2.defaultValue()).isEqualTo(rmscl.lambda2());
        assertThat(MemoryBankOptions.RMSCL_SWEEPS.defaultValue()).isEqualTo(rmscl.sweeps());
        assertThat(MemoryBankOptions.RMSCL_RECENT_FRACTION.defaultValue()).isEqualTo(rmscl.recentFraction());
        assertThat(MemoryBankOptions.GRCL_GATE_FRACTION.defaultValue()).isEqualTo(grcl.gateFraction());
    }

    @Test
    void keysAreUnique() {
        assertThat(MemoryBankOptions.ALL).extracting(Option::key).doesNotHaveDuplicates();
    }
}
