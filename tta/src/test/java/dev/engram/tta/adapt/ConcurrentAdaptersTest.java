package dev.engram.tta.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.Adapter;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.model.ResNetClassifier;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Streams on several task slots of one TaskManager adapt at once: adapters on different threads of a
 * JVM must not trip over DJL's one-gradient-collector-per-JVM rule (they queue for it instead).
 */
class ConcurrentAdaptersTest {
    @Test
    void adaptersOnTwoThreadsOfOneJvmStepAtTheSameTime() throws Exception {
        TorchRuntime.start(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NDManager m = NDManager.newBaseManager()) {
            ResNetClassifier.Spec spec = new ResNetClassifier.Spec(4, 8, 8, 10);
            List<Future<Integer>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < 4; k++) {
                ResNetClassifier model = ResNetClassifier.initialise(spec, m, 3 + k);
                Adapter a = k % 2 == 0 ? new TentAdapter(model, 1e-3) : new EcoTtaAdapter(model, EcoTtaAdapter.Config.defaults());
                int seed = k;
                runs.add(pool.submit(() -> {
                    float[] px = new float[16 * 784];
                    java.util.Random r = new java.util.Random(seed);
                    int steps = 0;
                    for (int i = 0; i < 15; i++) {
                        for (int p = 0; p < px.length; p++) px[p] = r.nextFloat();
                        assertThat(a.step(px, 16).predictions()).hasSize(16);
                        steps++;
                    }
                    a.close();
                    return steps;
                }));
            }
            for (Future<Integer> f : runs) assertThat(f.get()).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
    }
}
