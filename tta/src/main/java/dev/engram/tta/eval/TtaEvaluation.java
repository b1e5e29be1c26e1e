package dev.engram.tta.eval;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.Adapter;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.adapt.SourceOnlyAdapter;
import dev.engram.tta.adapt.TentAdapter;
import dev.engram.tta.data.MnistDigits;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One evaluation run behind {@code engram tta eval}: the cached (or freshly trained, on one
 * PyTorch thread) source model,
 * its clean accuracy, the EcoTTA warm-up, then every method through the continual protocol.
 */
public final class TtaEvaluation {
    public record Settings(Path mnist, Path cache, int severity, int cycles, boolean guard, int batchSize, int digits,
            long seed, int threads, double tentLearningRate, double ecoLearningRate, CollapseGuard.Config guardConfig) {}

    public record Result(double sourceCleanAccuracy, long modelParameters, long metaParameters,
            ContinualEvaluation.Report report, double seconds) {}

    private TtaEvaluation() {}

    public static Result run(Settings s, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        // The source model always trains on one thread, so its cached weights do not depend on --threads.
        TorchRuntime.start(1);
        MnistDigits test = MnistDigits.read(s.mnist(), "test").head(s.digits());
        SourceTrainer.Config cfg = SourceTrainer.Config.defaults().withSeed(s.seed());
        try (NDManager manager = NDManager.newBaseManager();
                ResNetClassifier model = SourceModels.loadOrTrain(s.mnist(), s.cache(), cfg, manager, progress)) {
            double clean = SourceTrainer.accuracy(model, MnistDigits.read(s.mnist(), "test"), 250);
            if (progress != null) progress.accept(String.format("source model: %d parameters, clean test accuracy %.4f",
                    model.parameterCount(), clean));
            EcoTtaAdapter eco = new EcoTtaAdapter(model, new EcoTtaAdapter.Config(new int[] {3, 4, 5},
                    s.ecoLearningRate(), 0.5, 0.4, true));
            SourceModels.warmUp(eco, model, s.mnist(), s.cache(), s.seed(), progress);
            TorchRuntime.start(s.threads());
            TentAdapter tent = new TentAdapter(model, s.tentLearningRate());
            // Guard off still watches (never resets), so both runs report the signals the thresholds judge.
            CollapseGuard.Config guard = s.guard() ? s.guardConfig() : CollapseGuard.Config.monitorOnly();
            int classes = model.spec().classes();
            List<Adapter> adapters = List.of(new SourceOnlyAdapter(model), new CollapseGuard(tent, guard, classes),
                    new CollapseGuard(eco, guard, classes));
            try {
                ContinualEvaluation.Report report = ContinualEvaluation.run(test, adapters, s.severity(), s.cycles(),
                        s.batchSize(), s.seed(), progress);
                return new Result(clean, model.parameterCount(), eco.trainableParameterCount(), report,
                        (System.nanoTime() - t0) / 1e9);
            } finally {
                for (Adapter a : adapters) a.close();
            }
        }
    }
}
