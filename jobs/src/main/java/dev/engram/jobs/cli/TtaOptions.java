package dev.engram.jobs.cli;

import dev.engram.jobs.TtaModels;
import dev.engram.operators.tta.TtaFunction;
import dev.engram.tta.Method;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.data.DigitRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a TTA job adapts: method, learning rate, the digits' weather and batches, the guard, the model cache. */
final class TtaOptions {
    enum MethodName { ecotta, tent, source }

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "ecotta",
            description = "Adaptation: ${COMPLETION-CANDIDATES} (source = the frozen model, no adaptation) (default: ${DEFAULT-VALUE}).")
    MethodName method = MethodName.ecotta;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Adam's learning rate for TENT or EcoTTA (default: 1e-3); far higher rates make adaptation collapse, "
                    + "which the guard then resets.")
    Double learningRate;

    @Option(names = "--severity", paramLabel = "1..5",
            description = "Corruption severity (default: 5 for mnist:, 3 for synthetic:).")
    Integer severity;

    @Option(names = "--batch", defaultValue = "64", description = "Digits per batch (default: ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--spell", paramLabel = "DIGITS", defaultValue = "640",
            description = "synthetic: digits per weather spell (clean, fog, snow, noise, …) (default: ${DEFAULT-VALUE}).")
    long spell = 640;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the source model, the warm-up and the digits (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--guard-grace", defaultValue = "3", description = "Batches after a start or reset before the collapse guard judges (default: ${DEFAULT-VALUE}).")
    int guardGrace = 3;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "target/tta-cache",
            description = "Where the source model and the warm-up are cached (trained on first use) (default: ${DEFAULT-VALUE}).")
    Path cache = Path.of("target/tta-cache");

    void check(CommandLine cl) {
        if (guardGrace < 1) throw new CommandLine.ParameterException(cl, "--guard-grace must be >= 1");
        if (severity != null && (severity < 1 || severity > 5)) throw new CommandLine.ParameterException(cl, "--severity must be 1..5");
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be >= 1");
        if (spell < 1) throw new CommandLine.ParameterException(cl, "--spell must be >= 1");
        if (learningRate != null && !(learningRate > 0)) throw new CommandLine.ParameterException(cl, "--learning-rate must be positive");
    }

    int severity(boolean synthetic) {
        return severity != null ? severity : synthetic ? 3 : 5;
    }

    Method method() {
        return Method.valueOf(method.name().toUpperCase(java.util.Locale.ROOT));
    }

    /** The model for MNIST digits of {@code mnist}, or for rendered digits when {@code mnist} is null. */
    TtaModels.Prepared prepare(Path mnist, Consumer<String> progress) throws IOException {
        if (mnist != null) return TtaModels.prepare(mnist, cache, seed, progress);
        return TtaModels.prepareRendered(DigitRenderer.systemFonts(), cache, seed, method() == Method.ECOTTA, progress);
    }

    TtaFunction function(TtaModels.Prepared prepared) {
        CollapseGuard.Config d = CollapseGuard.Config.defaults();
        CollapseGuard.Config guard = new CollapseGuard.Config(d.maxClassShare(), d.minEntropy(), d.smoothing(), guardGrace);
        return TtaModels.function(prepared, method(), learningRate == null ? Double.NaN : learningRate, guard);
    }
}
