package dev.engram.jobs.cli;

import dev.engram.memory.MemoryBudget;
import dev.engram.vos.VosOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Flags that map onto {@link VosOptions}; values are checked by the options themselves. */
final class LearnerOptions {
    enum Policy { fifo, reservoir, rmscl }

    enum Switch { on, off }

    @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "16MiB", converter = BudgetConverter.class,
            description = "Learning-memory budget per stream, e.g. 16MiB, 512KiB, unbounded (default: ${DEFAULT-VALUE}).")
    MemoryBudget memoryBudget;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "rmscl",
            description = "Frame-memory selection policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Policy policy;

    @Option(names = "--grcl", paramLabel = "on|off", defaultValue = "on",
            description = "Gated-regularizer continual learning: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Switch grcl;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backbone", paramLabel = "PATH",
            description = "Feature backbone: packaged (MobileNetV2 fetched by vos/fetch-backbone.sh), an .onnx file, a TF.js layers "
                    + "model folder, a TorchScript .pt file or a DJL model directory.")
    String backbone;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other learner option (README, Configuration), e.g. --set vos.anchor=false; repeatable; wins over the flags above.")
    Map<String, String> settings = new LinkedHashMap<>();

    VosOptions toVosOptions() {
        VosOptions o = VosOptions.defaults()
                .with(VosOptions.MEMORY_BUDGET, memoryBudget.bytes())
                .withText(VosOptions.POLICY.key(), policy.name())
                .with(VosOptions.GRCL, grcl == Switch.on)
                .with(VosOptions.SEED, seed);
        if (backbone != null) {
            o = o.with(VosOptions.BACKBONE, backbone.strip().equals(dev.engram.vos.features.PackagedBackbone.NAME)
                    ? backbone.strip() : Path.of(backbone).toAbsolutePath().toString());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            try {
                o = o.withText(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("--set " + e.getKey() + "=" + e.getValue() + ": " + bad.getMessage()
                        + " (learner options: " + VosOptions.ALL.stream().map(x -> x.key()).collect(Collectors.joining(", ")) + ")", bad);
            }
        }
        o = o.resolvedBackbone();
        if (!o.get(VosOptions.BACKBONE).isBlank()) Djl.offline();
        return o;
    }

    static final class BudgetConverter implements picocli.CommandLine.ITypeConverter<MemoryBudget> {
        @Override
        public MemoryBudget convert(String value) {
            return MemoryBudget.parse(value);
        }
    }
}
