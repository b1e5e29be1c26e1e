package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.events.EventFileSource;
import dev.engram.jobs.events.EventJob;
import dev.engram.operators.events.EventModel;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LsmOptions;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram events run --input FILE|DIR --out FILE.jsonl}: the streaming job. Every recording is a
 * stream keyed by its name; without {@code --window-ms} each file is one sample (N-MNIST), with it the
 * stream is cut into windows of that length. With {@code --model} (saved by {@code events eval
 * --save-model}) each sample or window becomes a prediction with class scores, else its reservoir
 * features ({@code embedding}: spike counts per time bin and neuron). One JSON object per line:
 * {@code stream, origin, index, tStartUs, tEndUs, events, spikes, label} and {@code predicted, scores}
 * or {@code embedding}. Damaged files are reported as dead letters on stdout and the others run; the
 * command exits 1 when nothing at all could be produced.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run recordings through the reservoir (and a trained readout) as a Flink job; JSON lines out.")
final class EventsRunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE|DIR", required = true, description = "A recording or a folder of them.")
    Path input;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto", converter = EventsCommand.FormatConverter.class,
            description = "auto|nmnist|evt2|evt3|dat|aedat4|es|csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--model", paramLabel = "FILE", description = "Trained reservoir + readout ('events eval --save-model'); without it, embeddings are written.")
    Path model;

    @Option(names = "--window-ms", paramLabel = "MS", defaultValue = "0",
            description = "Cut streams into windows of MS milliseconds; 0 = one sample per file (default: ${DEFAULT-VALUE}).")
    long windowMs;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "1000", description = "Reservoir size without --model (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Reservoir seed without --model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-events", paramLabel = "N", defaultValue = "65536", description = "Events per chunk read from a file (default: ${DEFAULT-VALUE}).")
    int batchEvents;

    @Option(names = "--out", paramLabel = "FILE.jsonl", required = true, description = "Where the JSON lines go.")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (windowMs < 0) throw new CommandLine.ParameterException(cl, "--window-ms must not be negative, got " + windowMs);
        if (neurons < 1) throw new CommandLine.ParameterException(cl, "--neurons must be positive, got " + neurons);
        if (batchEvents < 16) throw new CommandLine.ParameterException(cl, "--batch-events must be at least 16, got " + batchEvents);
        EventModel trained = model == null ? null : EventModel.load(model);
        OptionSet lsm = LsmOptions.defaults().with(LsmOptions.NEURONS, neurons).with(LsmOptions.SEED, seed);
        long windowUs = windowMs * 1000;
        EventReservoirFunction function = trained != null
                ? (windowUs == 0 ? EventReservoirFunction.samples(trained) : EventReservoirFunction.windows(trained, windowUs))
                : (windowUs == 0 ? EventReservoirFunction.samples(lsm) : EventReservoirFunction.windows(lsm, windowUs));
        EventFileSource source = EventFileSource.plan(input, format, batchEvents);
        if (!run.quiet) {
            System.err.printf(Locale.ROOT, "planned %d file(s), %d events, %d chunks%n", source.files().size(), source.events(), source.chunks());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        EventJob.Summary s;
        long[] done = new long[1];
        long[] lastPrint = {System.currentTimeMillis()};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            EventJob job = new EventJob(run.environment(run.parallelism), source, function);
            s = job.run("engram-events-run", r -> {
                write(w, r);
                done[0]++;
                long now = System.currentTimeMillis();
                if (!run.quiet && now - lastPrint[0] >= 2000) {
                    lastPrint[0] = now;
                    System.err.println("progress: " + done[0] + " results");
                }
            }, d -> { });
        }
        PrintWriter o = cl.getOut();
        o.printf(Locale.ROOT, "%d %s from %d events in %.1f s (%.0f events/s); %d dead letters%n", s.results,
                trained == null ? "embeddings" : "predictions", s.events, s.seconds, s.events / Math.max(1e-9, s.seconds),
                s.deadLetters.size());
        EventsCommand.printDeadLetters(o, s.deadLetters);
        o.println("out: " + out.toAbsolutePath());
        o.flush();
        if (s.results == 0) throw new IllegalStateException(input + ": nothing could be encoded (see the dead letters above)");
        return 0;
    }

    static void write(BufferedWriter w, EventResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", r.streamId);
        n.put("origin", r.origin);
        n.put("index", r.index);
        n.put("tStartUs", r.tStartUs);
        n.put("tEndUs", r.tEndUs);
        n.put("events", r.events);
        n.put("spikes", r.spikes);
        n.put("label", r.label);
        if (r.scores != null) {
            n.put("predicted", r.predicted);
            ArrayNode a = n.putArray("scores");
            for (double v : r.scores) a.add((float) v);
        }
        if (r.embedding != null) {
            ArrayNode a = n.putArray("embedding");
            for (float v : r.embedding) a.add(v);
        }
        try {
            w.write(JSON.writeValueAsString(n));
            w.newLine();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot write results", e);
        }
    }
}
