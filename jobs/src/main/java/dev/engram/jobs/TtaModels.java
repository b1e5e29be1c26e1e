package dev.engram.jobs;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.eval.SourceModels;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The frozen source model and EcoTTA's warm-up state a TTA job ships to its operator, trained on the
 * MNIST train split on first use and cached (both are deterministic for a seed). Runs on the client,
 * which needs the IDX folder for training; the job itself reads only the digits it streams.
 */
public final class TtaModels {
    /** The model as {@link ResNetClassifier#write} writes it and the warm-up state as {@code AdapterState.write} does. */
    public record Prepared(byte[] model, byte[] sourceState, EcoTtaAdapter.Config ecoConfig) {}

    private TtaModels() {}

    public static Prepared prepare(Path mnist, Path cache, long seed, Consumer<String> progress) throws IOException {
        TorchRuntime.start(1);
        SourceTrainer.Config cfg = SourceTrainer.Config.defaults().withSeed(seed);
        EcoTtaAdapter.Config eco = EcoTtaAdapter.Config.defaults();
        try (NDManager manager = NDManager.newBaseManager();
                ResNetClassifier model = SourceModels.loadOrTrain(mnist, cache, cfg, manager, progress)) {
            EcoTtaAdapter adapter = new EcoTtaAdapter(model, eco);
            try {
                SourceModels.warmUp(adapter, model, mnist, cache, seed, progress);
                ByteArrayOutputStream m = new ByteArrayOutputStream(), s = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(m)) {
                    model.write(out);
                }
                try (DataOutputStream out = new DataOutputStream(s)) {
                    adapter.sourceState().write(out);
                }
                return new Prepared(m.toByteArray(), s.toByteArray(), eco);
            } finally {
                adapter.close();
            }
        }
    }
}
