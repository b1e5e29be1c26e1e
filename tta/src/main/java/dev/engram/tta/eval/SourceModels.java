package dev.engram.tta.eval;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.AdapterState;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.data.MnistDigits;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private SourceModels() {}

    public static ResNetClassifier loadOrTrain(Path mnist, Path cacheDir, SourceTrainer.Config cfg, NDManager manager,
            Consumer<String> progress) throws IOException {
        Path file = cacheDir.resolve(cacheName(cfg));
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                return ResNetClassifier.read(in, manager);
            }
        }
        MnistDigits train = MnistDigits.read(mnist, "train");
        // Process CPU time beside wall time: on a shared machine the wall figure says more about the neighbours.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        double load0 = os.getSystemLoadAverage();
        ResNetClassifier model = SourceTrainer.train(train, SPEC, cfg, manager, progress);
        if (progress != null) {
            progress.accept(String.format(java.util.Locale.ROOT,
                    "source model trained in %.1f s wall, %.1f s process CPU (load average %.1f -> %.1f)",
                    (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9, load0,
                    os.getSystemLoadAverage()));
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "resnet", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            model.write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return model;
    }

    /** The cache file name: every setting that changes the trained weights is in it. */
    static String cacheName(SourceTrainer.Config cfg) {
        return String.format(java.util.Locale.ROOT, "resnet-%s-%d-%d-%d-e%d-b%d-lr%s-s%d-seed%d.bin",
                SPEC.layout().name().toLowerCase(java.util.Locale.ROOT), SPEC.w1(), SPEC.w2(), SPEC.w3(), cfg.epochs(),
                cfg.batchSize(), Double.toString(cfg.learningRate()), cfg.shift(), cfg.seed());
    }

    /** Warms {@code eco} up on the train digits, or loads the cached warm-up for this model. */
    public static void warmUp(EcoTtaAdapter eco, ResNetClassifier model, Path mnist, Path cacheDir, long seed,
            Consumer<String> progress) throws IOException {
        Path file = cacheDir.resolve("ecotta-warmup-" + model.fingerprint().substring(0, 16) + "-seed" + seed + ".bin");
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                eco.useSourceState(AdapterState.read(in));
                return;
            }
        }
        eco.warmUp(MnistDigits.read(mnist, "train"), WARMUP_STEPS, 64, seed, progress);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "ecotta", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            eco.sourceState().write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
