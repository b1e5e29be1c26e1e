package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.tta.Method;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.eval.ContinualEvaluation;
import dev.engram.tta.eval.TtaEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram tta}: test-time adaptation commands. */
@Command(name = "tta", mixinStandardHelpOptions = true, description = "Test-time adaptation (source, TENT, EcoTTA).",
        subcommands = {TtaCommand.Eval.class})
final class TtaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /**
     * {@code engram tta eval}: the test digits through all 15 corruptions in sequence (continual,
     * {@code --cycles} times), source-only, TENT and EcoTTA in one run on the same batches. Trains and
     * caches the source model and the EcoTTA warm-up under {@code --cache} when absent. Errors are
     * fractions in 0..1; memory is the peak per-step figure at {@code --batch}.
     */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Continual TTA evaluation on corrupted MNIST; writes the JSON summary.")
    static final class Eval implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--mnist", paramLabel = "DIR", required = true, description = "Folder with the IDX files.")
        Path mnist;

        @Option(names = "--severity", defaultValue = "5", description = "Corruption severity 1..5 (default 5).")
        int severity;

        @Option(names = "--cycles", defaultValue = "1", description = "Passes through the 15 corruptions (default 1).")
        int cycles;

        @Option(names = "--guard", defaultValue = "on", paramLabel = "on|off", description = "Collapse guard (default on).")
        String guard;

        @Option(names = "--batch", defaultValue = "64", description = "Test batch size (default 64).")
        int batch;

        @Option(names = "--digits", defaultValue = "0", description = "Use the first N test digits (0 = all 2,000).")
        int digits;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of training, warm-up and corruptions.")
        long seed;

        @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads (1 = repeatable).")
        int threads;

        @Option(names = "--tent-lr", defaultValue = "1e-3", description = "TENT's Adam learning rate (default 1e-3).")
        double tentLr;

        @Option(names = "--eco-lr", defaultValue = "1e-3", description = "EcoTTA's Adam learning rate (default 1e-3).")
        double ecoLr;

        @Option(names = "--guard-grace", defaultValue = "3",
                description = "Batches after a start or reset before the guard judges (default 3).")
        int guardGrace;

        @Option(names = "--cache", paramLabel = "DIR", defaultValue = "target/tta-cache",
                description = "Where the source model and warm-up are cached.")
        Path cache;

        @Option(names = "--json", paramLabel = "FILE", required = true, description = "Write the summary here.")
        Path json;

        @Override
        public Integer call() throws Exception {
            if (severity < 1 || severity > 5) throw new CommandLine.ParameterException(spec.commandLine(), "--severity must be 1..5");
            boolean guardOn = switch (guard.toLowerCase(java.util.Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--guard must be on or off");
            };
            if (guardGrace < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--guard-grace must be >= 1");
            CollapseGuard.Config d = CollapseGuard.Config.defaults();
            CollapseGuard.Config guardConfig = new CollapseGuard.Config(d.maxClassShare(), d.minEntropy(), d.smoothing(),
                    guardGrace);
            if (!Files.isDirectory(mnist)) throw new IllegalArgumentException(mnist + ": no such folder");
            Djl.offline();
            PrintWriter err = new PrintWriter(System.err, true);
            TtaEvaluation.Result r = TtaEvaluation.run(new TtaEvaluation.Settings(mnist, cache, severity, cycles, guardOn,
                    batch, digits, seed, threads, tentLr, ecoLr, guardConfig), err::println);
            ContinualEvaluation.Report rep = r.report();
            ObjectNode root = JSON.createObjectNode();
            root.put("sourceError", rep.error().get(Method.SOURCE));
            root.put("tentError", rep.error().get(Method.TENT));
            root.put("ecottaError", rep.error().get(Method.ECOTTA));
            root.put("tentMemoryBytes", rep.memory().get(Method.TENT).totalBytes());
            root.put("ecottaMemoryBytes", rep.memory().get(Method.ECOTTA).totalBytes());
            root.put("metaParamShare", r.metaParameters() / (double) r.modelParameters());
            ObjectNode per = root.putObject("perCorruption");
            for (String c : rep.perCorruption().get(Method.SOURCE).keySet()) {
                ObjectNode row = per.putObject(c);
                for (Method m : Method.values()) row.put(m.id(), rep.perCorruption().get(m).get(c));
            }
            ArrayNode cyclesNode = root.putArray("perCycle");
            for (int i = 0; i < rep.cycles(); i++) {
                ObjectNode row = cyclesNode.addObject();
                row.put("cycle", i + 1);
                for (Method m : Method.values()) row.put(m.id(), rep.perCycle().get(m).get(i));
                for (Method m : Method.values()) row.put(m.id() + "Resets", rep.resetsPerCycle().get(m).get(i));
            }
            ObjectNode resets = root.putObject("resets");
            for (Method m : Method.values()) resets.put(m.id(), rep.resets().get(m));
            ObjectNode signals = root.putObject("guardSignals");
            for (var e : rep.guardSignals().entrySet()) {
                ObjectNode o = signals.putObject(e.getKey().id());
                o.put("peakClassShare", e.getValue().peakClassShare());
                o.put("lowestEntropy", e.getValue().lowestEntropy());
            }
            ObjectNode mem = root.putObject("memoryBreakdown");
            for (Method m : new Method[] {Method.TENT, Method.ECOTTA}) {
                var a = rep.memory().get(m);
                ObjectNode o = mem.putObject(m.id());
                o.put("trainableParameterBytes", a.trainableParameterBytes());
                o.put("gradientBytes", a.gradientBytes());
                o.put("optimizerStateBytes", a.optimizerStateBytes());
                o.put("activationBytes", a.activationBytes());
            }
            root.put("sourceCleanAccuracy", r.sourceCleanAccuracy());
            root.put("modelParameters", r.modelParameters());
            root.put("metaParameters", r.metaParameters());
            root.put("batchSize", rep.batchSize());
            root.put("digits", rep.digits());
            root.put("severity", rep.severity());
            root.put("cycles", rep.cycles());
            root.put("guard", guardOn);
            root.put("guardGrace", guardGrace);
            root.put("tentLearningRate", tentLr);
            root.put("ecottaLearningRate", ecoLr);
            root.put("seconds", r.seconds());
            if (json.getParent() != null) Files.createDirectories(json.getParent());
            JSON.writeValue(json.toFile(), root);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("source %.4f  tent %.4f  ecotta %.4f  (clean acc %.4f)  memory tent %d B, ecotta %d B, meta share %.4f%n",
                    rep.error().get(Method.SOURCE), rep.error().get(Method.TENT), rep.error().get(Method.ECOTTA),
                    r.sourceCleanAccuracy(), rep.memory().get(Method.TENT).totalBytes(),
                    rep.memory().get(Method.ECOTTA).totalBytes(), r.metaParameters() / (double) r.modelParameters());
            for (int i = 0; i < rep.cycles(); i++) {
                o.printf("cycle %2d  source %.4f  tent %.4f (%d resets)  ecotta %.4f (%d resets)%n", i + 1,
                        rep.perCycle().get(Method.SOURCE).get(i), rep.perCycle().get(Method.TENT).get(i),
                        rep.resetsPerCycle().get(Method.TENT).get(i), rep.perCycle().get(Method.ECOTTA).get(i),
                        rep.resetsPerCycle().get(Method.ECOTTA).get(i));
            }
            o.flush();
            return 0;
        }
    }
}
