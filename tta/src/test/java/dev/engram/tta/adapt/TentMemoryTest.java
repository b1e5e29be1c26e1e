package dev.engram.tta.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.model.ResNetClassifier;
import org.junit.jupiter.api.Test;

/** The memory figures against a network small enough to count by hand. */
class TentMemoryTest {
    @Test
    void tentHeldActivationsMatchAHandCountForATinyNetwork() {
        TorchRuntime.start(1);
        try (NDManager m = NDManager.newBaseManager();
                ResNetClassifier model = ResNetClassifier.initialise(new ResNetClassifier.Spec(2, 2, 2, 10), m, 1);
                TentAdapter tent = new TentAdapter(model, 1e-3)) {
            AdaptationMemory mem = tent.step(new float[2 * 784], 2).memory();
            // Batch 2, 2 channels, float32: one map is 2*2*28*28*4 bytes at 28x28, a quarter at 14x14, 1/16 at 7x7.
            long a28 = 2 * 2 * 784 * 4;
            long a14 = 2 * 2 * 196 * 4;
            long a7 = 2 * 2 * 49 * 4;
            long bnScratch = 2 * 2 * 4; // zero/one running buffers (2 channels each) per batch-statistics norm
            long stem = 3 * a28 + bnScratch; // conv, norm, relu
            long plainBlock = 7 * a28 + 2 * bnScratch; // conv, norm, relu, conv, norm, add, relu
            long block2 = 9 * a14 + 3 * bnScratch; // + projection conv and norm
            long block3 = 9 * a7 + 3 * bnScratch;
            long head = 2 * 2 * 7 * 4 + 2 * 2 * 4 + 2 * 10 * 4; // mean over width, mean over height, linear
            long entropy = 3 * 2 * 10 * 4 + 2 * 4 + 2 * 4 + 4; // logSoftmax, exp, mul, sum, neg, mean
            assertThat(mem.activationBytes()).isEqualTo(stem + 2 * plainBlock + block2 + block3 + head + entropy);
            long affine = 4L * 2 * 2 * 11; // gamma and beta of 11 norms with 2 channels
            assertThat(mem.trainableParameterBytes()).isEqualTo(affine);
            assertThat(mem.gradientBytes()).isEqualTo(affine);
            assertThat(mem.optimizerStateBytes()).isEqualTo(2 * affine);
        }
    }
}
