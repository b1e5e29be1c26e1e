package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.vos.VosOptions;
import dev.engram.vos.eval.SegmenterBench;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram bench segmenter}: the VOS learner alone, without Flink, on one thread (see
 * {@link SegmenterBench}): DAVIS sequences with J&F and a per-stage profile, {@code --loop N} for a
 * sequence played forward and backward, {@code --synthetic FROM..TO} for seeded synthetic cameras.
 */
@Command(name = "segmenter", mixinStandardHelpOptions = true,
        description = "The VOS learner without Flink: J&F, frames/s and a per-stage profile (or loops, or synthetic cameras).")
final class BenchSegmenterCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--davis", paramLabel = "DIR", description = "DAVIS folder (default: $ENGRAM_DATA/vos).")
    Path davis;

    @Option(names = "--sequences", paramLabel = "all|A,B", defaultValue = "all",
            description = "Sequences to run, or the one to loop (default: ${DEFAULT-VALUE}; judo-cutie-demo is left out of all).")
    String sequences;

    @Option(names = "--loop", paramLabel = "FRAMES", description = "Play the one sequence forward and backward for this many frames; J&F per loop.")
    Long loopFrames;

    @Option(names = "--synthetic", paramLabel = "FROM..TO", description = "Seeded synthetic cameras instead of DAVIS (e.g. 1..14).")
    String synthetic;

    @Option(names = "--frames", defaultValue = "120", description = "Frames per synthetic camera (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "480x270", description = "Synthetic camera frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Mixin
    LearnerOptions learner;

    @Override
    public Integer call() throws Exception {
        VosOptions options = learner.toVosOptions();
        SegmenterBench bench = new SegmenterBench(options);
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode n = JSON.createObjectNode();
        n.put("backbone", options.get(VosOptions.BACKBONE).isBlank() ? "none" : options.get(VosOptions.BACKBONE));
        n.put("loadAverageBefore", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (synthetic != null) {
            String[] range = synthetic.split("\\.\\.");
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            if (range.length != 2 || wh.length != 2) throw new CommandLine.ParameterException(spec.commandLine(), "--synthetic FROM..TO and --size WxH");
            SegmenterBench.SyntheticRun r = bench.synthetic(frames, Long.parseLong(range[0].strip()), Long.parseLong(range[1].strip()),
                    Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
            r.jfPerSeed().forEach((seed, jf) -> out.printf(Locale.ROOT, "seed %-4d J&F %.3f%n", seed, jf));
            out.printf(Locale.ROOT, "mean J&F %.3f over %d seeds%n", r.meanJf(), r.jfPerSeed().size());
            n.set("synthetic", JSON.valueToTree(r));
        } else {
            if (davis == null) davis = DataFolder.orFail("--davis").resolve("vos");
            List<DavisSequence> all = DavisFolder.discover(davis);
            List<DavisSequence> chosen = DavisSelection.choose(davis, all, sequences.equals("all") ? null : Arrays.asList(sequences.split(",")));
            if (loopFrames != null) {
                if (chosen.size() != 1) throw new CommandLine.ParameterException(spec.commandLine(), "--loop takes one sequence (--sequences NAME)");
                SegmenterBench.LoopRun r = bench.loop(chosen.get(0), loopFrames);
                out.printf(Locale.ROOT, "%s, %d frames per loop: J&F per loop %s%n", r.name(), r.period(), fmt(r.jfPerLoop(), "%.3f"));
                out.printf(Locale.ROOT, "CPU ms per frame per loop %s; %.1f frames/s; peak learner bytes %d%n", fmt(r.cpuMsPerFramePerLoop(), "%.1f"),
                        r.fps(), r.peakBytes());
                n.set("loop", JSON.valueToTree(r));
            } else {
                SegmenterBench.DavisRun r = bench.davis(chosen);
                for (SegmenterBench.SequenceRun s : r.sequences()) {
                    out.printf(Locale.ROOT, "%-20s J %.3f  F %.3f  J&F %.3f  %5.1f frames/s%n", s.name(), s.j(), s.f(), s.jf(), s.segmenterFps());
                }
                out.printf(Locale.ROOT, "mean J&F %.3f (J %.3f, F %.3f) over %d sequences, %.1f frames/s in the segmenter%n", r.meanJf(), r.meanJ(),
                        r.meanF(), r.sequences().size(), r.segmenterFps());
                StringBuilder p = new StringBuilder();
                r.stageMsPerFrame().forEach((k, v) -> p.append(p.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f", k, v)));
                out.printf(Locale.ROOT, "CPU ms per frame by stage (segmenting thread): %s; per frame in all: wall %.1f ms, process CPU %.1f ms%n", p,
                        r.wallMsPerFrame(), r.cpuMsPerFrame());
                n.set("davis", JSON.valueToTree(r));
            }
        }
        n.put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        n.put("options", options.toString());
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), n);
            out.println("json: " + json.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    private static String fmt(List<Double> values, String format) {
        StringBuilder b = new StringBuilder();
        for (double v : values) b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, format, v));
        return b.toString();
    }
}
