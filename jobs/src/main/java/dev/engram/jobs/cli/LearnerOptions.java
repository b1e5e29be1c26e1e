package dev.engram.jobs.cli;

import dev.engram.memory.MemoryBudget;
import dev.engram.vos.VosOptions;
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

    VosOptions toVosOptions() {
        return VosOptions.defaults()
                .with(VosOptions.MEMORY_BUDGET, memoryBudget.bytes())
                .withText(VosOptions.POLICY.key(), policy.name())
                .with(VosOptions.GRCL, grcl == Switch.on)
                .with(VosOptions.SEED, seed);
    }

    static final class BudgetConverter implements picocli.CommandLine.ITypeConverter<MemoryBudget> {
        @Override
        public MemoryBudget convert(String value) {
            return MemoryBudget.parse(value);
        }
    }
}
