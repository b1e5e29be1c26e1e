package dev.engram.jobs;

import ai.djl.ndarray.NDManager;
import dev.engram.operators.tta.TtaFunction;
import dev.engram.tta.Method;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.data.DigitRenderer;
import dev.engram.tta.eval.SourceModels;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The frozen source model and EcoTTA's warm-up state a TTA job ships to its operator, trained on
 * first use and cached (both are deterministic for a seed): on the MNIST train split of an IDX folder
 * ({@link #prepare}), or on digits the project renders itself from this machine's fonts
 * ({@link #prepareRendered}, for synthetic digit cameras; a fresh machine has no MNIST). Runs on the
 * client; the job itself reads only the digits it streams.
 */
public final class TtaModels {
    /**
     * The model as {@link ResNetClassifier#write} writes it, the warm-up state as {@code AdapterState.write}
     * does (null when none was made), and, for rendered digits, the renderer's fingerprint (else null).
     */
    public record Prepared(byte[] model, byte[] sourceState, EcoTtaAdapter.Config ecoConfig, String faces) {}

    private TtaModels() {}

    /** The model and warm-up for MNIST digits of the IDX folder {@code mnist}. */
    public static Prepared prepare(Path mnist, Path cache, long seed, Consumer<String> progress) throws IOException {
        TorchRuntime.start(1);
        SourceTrainer.Config cfg = SourceTrainer.Config.defaults().withSeed(seed);
        EcoTtaAdapter.Config eco = EcoTtaAdapter.Config.defaults();
        try (NDManager manager = NDManager.newBaseManager();
                ResNetClassifier model = SourceModels.loadOrTrain(mnist, cache, cfg, manager, progress)) {
            EcoTtaAdapter adapter = new EcoTtaAdapter(model, eco);
            try {
                SourceModels.warmUp(adapter, model, mnist, cache, seed, progress);
                return new Prepared(bytes(model), bytes(adapter), eco, null);
            } finally {
                adapter.close();
            }
        }
    }

    /**
     * The model for digits {@code renderer} draws, trained on its rendered training set on first use,
     * with its held-out accuracy reported to {@code progress}; the EcoTTA warm-up only when
     * {@code warmUp} (the other methods need none).
     */
    public static Prepared prepareRendered(DigitRenderer renderer, Path cache, long seed, boolean warmUp,
            Consumer<String> progress) throws IOException {
        TorchRuntime.start(1);
        EcoTtaAdapter.Config eco = EcoTtaAdapter.Config.defaults();
        try (NDManager manager = NDManager.newBaseManager();
                ResNetClassifier model = SourceModels.loadOrTrainRendered(renderer, cache, seed, manager, progress)) {
            if (progress != null) {
                double accuracy = SourceTrainer.accuracy(model,
                        renderer.labelled(SourceModels.RENDERED_HELD_OUT_DIGITS, SourceModels.renderedHeldOutSeed(seed)), 250);
                progress.accept(String.format(Locale.ROOT, "source model for rendered digits (%d faces%s): held-out accuracy %.2f %%",
                        renderer.faceCount(), renderer.usesFonts() ? " of this machine's fonts" : ", built-in strokes", 100 * accuracy));
            }
            if (!warmUp) return new Prepared(bytes(model), null, eco, renderer.fingerprint());
            EcoTtaAdapter adapter = new EcoTtaAdapter(model, eco);
            try {
                SourceModels.warmUp(adapter, model,
                        () -> renderer.labelled(SourceModels.RENDERED_TRAIN_DIGITS, SourceModels.renderedTrainSeed(seed)), cache,
                        seed, progress);
                return new Prepared(bytes(model), bytes(adapter), eco, renderer.fingerprint());
            } finally {
                adapter.close();
            }
        }
    }

    /**
     * The TTA operator for {@code method} over a prepared model.
     *
     * @param learningRate Adam's rate for TENT or EcoTTA; NaN for the method's default (1e-3)
     */
    public static TtaFunction function(Prepared p, Method method, double learningRate, CollapseGuard.Config guard) {
        double lr = Double.isNaN(learningRate) ? p.ecoConfig().learningRate() : learningRate;
        return switch (method) {
            case SOURCE -> TtaFunction.sourceOnly(p.model());
            case TENT -> TtaFunction.tent(p.model(), lr, guard);
            case ECOTTA -> {
                EcoTtaAdapter.Config d = p.ecoConfig();
                yield new TtaFunction(p.model(), p.sourceState(), new EcoTtaAdapter.Config(d.partEnds(), lr, d.distillWeight(),
                        d.entropyMargin(), d.frozenBatchStatistics()), guard);
            }
        };
    }

    private static byte[] bytes(ResNetClassifier model) throws IOException {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(m)) {
            model.write(out);
        }
        return m.toByteArray();
    }

    private static byte[] bytes(EcoTtaAdapter adapter) throws IOException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(s)) {
            adapter.sourceState().write(out);
        }
        return s.toByteArray();
    }
}
