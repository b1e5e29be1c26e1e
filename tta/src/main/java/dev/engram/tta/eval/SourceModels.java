package dev.engram.tta.eval;

import dev.engram.memory.StateFiles;
import ai.djl.ndarray.NDManager;
import dev.engram.tta.AdapterState;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.data.DigitRenderer;
import dev.engram.tta.data.MnistDigits;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The trained source model and the EcoTTA warm-up, cached as files so evaluation does not retrain:
 * trained (seeded) when absent, otherwise read. Files are written to a temp name and moved, so a
 * crashed run never leaves half a model behind.
 */
public final class SourceModels {
    /** Wide channels, resolution halved right after the stem: 98 %+ clean within a CPU-minute budget. */
    public static final ResNetClassifier.Spec SPEC =
            new ResNetClassifier.Spec(16, 32, 64, 10, ResNetClassifier.Layout.EARLY);
    public static final int WARMUP_STEPS = 200;
    /**
     * The network for rendered digits: half SPEC's widths. Rendered faces are far less varied than
     * handwriting, so it still classifies held-out rendered digits without error, and every adaptation
     * step on a live stream costs about a quarter.
     */
    public static final ResNetClassifier.Spec RENDERED_SPEC =
            new ResNetClassifier.Spec(8, 16, 32, 10, ResNetClassifier.Layout.EARLY);
    /** Rendered digits a source model for {@link DigitRenderer} streams trains on, and its held-out check. */
    public static final int RENDERED_TRAIN_DIGITS = 8_000;
    public static final int RENDERED_HELD_OUT_DIGITS = 2_000;

    private SourceModels() {}

    /** The model for the MNIST train split of the IDX folder {@code mnist}. */
    public static ResNetClassifier loadOrTrain(Path mnist, Path cacheDir, SourceTrainer.Config cfg, NDManager manager,
            Consumer<String> progress) throws IOException {
        return loadOrTrain("", () -> MnistDigits.read(mnist, "train"), SPEC, cacheDir, cfg, manager, progress);
    }

    /**
     * The model for the digits {@code train} reads, cached under a name that starts with
     * {@code dataName} (empty for MNIST) and carries every setting that changes the weights.
     */
    public static ResNetClassifier loadOrTrain(String dataName, TrainingDigits train, ResNetClassifier.Spec spec, Path cacheDir,
            SourceTrainer.Config cfg, NDManager manager, Consumer<String> progress) throws IOException {
        Path file = cacheDir.resolve((dataName.isEmpty() ? "" : dataName + "-") + cacheName(spec, cfg));
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                return ResNetClassifier.read(in, manager);
            }
        }
        MnistDigits digits = train.read();
        // Process CPU time beside wall time: on a shared machine the wall figure says more about the neighbours.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        double load0 = os.getSystemLoadAverage();
        ResNetClassifier model = SourceTrainer.train(digits, spec, cfg, manager, progress);
        if (progress != null) {
            progress.accept(String.format(java.util.Locale.ROOT,
                    "source model trained in %.1f s wall, %.1f s process CPU (load average %.1f -> %.1f)",
                    (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9, load0,
                    os.getSystemLoadAverage()));
        }
        StateFiles.writeAtomically(file, model::write);
        return model;
    }

    /** Reads the labelled digits a model trains on (only when no cached model exists). */
    @FunctionalInterface
    public interface TrainingDigits {
        MnistDigits read() throws IOException;
    }

    /** The cache file name: every setting that changes the trained weights is in it. */
    static String cacheName(ResNetClassifier.Spec spec, SourceTrainer.Config cfg) {
        return String.format(java.util.Locale.ROOT, "resnet-%s-%d-%d-%d-e%d-b%d-lr%s-s%d-seed%d.bin",
                spec.layout().name().toLowerCase(java.util.Locale.ROOT), spec.w1(), spec.w2(), spec.w3(), cfg.epochs(),
                cfg.batchSize(), Double.toString(cfg.learningRate()), cfg.shift(), cfg.seed());
    }

    /** Warms {@code eco} up on the MNIST train digits of {@code mnist}, or loads the cached warm-up for this model. */
    public static void warmUp(EcoTtaAdapter eco, ResNetClassifier model, Path mnist, Path cacheDir, long seed,
            Consumer<String> progress) throws IOException {
        warmUp(eco, model, () -> MnistDigits.read(mnist, "train"), cacheDir, seed, progress);
    }

    /** Warms {@code eco} up on {@code train}, or loads the cached warm-up for this model (named by its fingerprint). */
    public static void warmUp(EcoTtaAdapter eco, ResNetClassifier model, TrainingDigits train, Path cacheDir, long seed,
            Consumer<String> progress) throws IOException {
        Path file = cacheDir.resolve("ecotta-warmup-" + model.fingerprint().substring(0, 16) + "-seed" + seed + ".bin");
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                eco.useSourceState(AdapterState.read(in));
                return;
            }
        }
        eco.warmUp(train.read(), WARMUP_STEPS, 64, seed, progress);
        StateFiles.writeAtomically(file, eco.sourceState()::write);
    }

    /** Training settings for rendered digits: fewer, cleaner samples than MNIST, so fewer epochs. */
    public static SourceTrainer.Config renderedConfig(long seed) {
        return new SourceTrainer.Config(4, 128, 5e-3, 0.9, 0, 2, seed);
    }

    /** The seed of the rendered training set; held-out and camera digits use other seeds. */
    public static long renderedTrainSeed(long seed) {
        return seed * 31 + 1;
    }

    /** The seed of the rendered held-out set. */
    public static long renderedHeldOutSeed(long seed) {
        return seed * 31 + 2;
    }

    /** The model for digits of {@code renderer}: trained on its rendered training set on first use, then cached. */
    public static ResNetClassifier loadOrTrainRendered(DigitRenderer renderer, Path cacheDir, long seed, NDManager manager,
            Consumer<String> progress) throws IOException {
        return loadOrTrain("rendered-" + renderer.fingerprint() + "-n" + RENDERED_TRAIN_DIGITS,
                () -> renderer.labelled(RENDERED_TRAIN_DIGITS, renderedTrainSeed(seed)), RENDERED_SPEC, cacheDir, renderedConfig(seed),
                manager, progress);
    }
}
