package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.jobs.events.EventJob;
import dev.engram.operators.events.EventReservoirFunction;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * --save-model}) each sample or window becomes a prediction with class scores; with a zero-shot model
 * ({@code events zeroshot --save-model}) each audio or vision file becomes its shared embedding and
 * zero-shot prediction ({@code modality}, {@code embedding}, {@code scores}, {@code predicted}); else its reservoir
 * features ({@code embedding}: spike counts per time bin and neuron). One JSON object per line:
 * {@code stream, origin, index, tStartUs, tEndUs, events, spikes, label} and {@code predicted, scores}
 * or {@code embedding}. Built on the event job graph: the job commits {@code events/<stream>.jsonl}
 * under {@code <work-dir>/runs/events-run}, and the command joins them into {@code --out} afterwards.
 * Damaged files are reported as dead letters on stdout and the others run; the command exits 1 when
 * nothing at all could be produced.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run recordings through the reservoir (and a trained readout) as a Flink job; JSON lines out.")
final class EventsRunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE|DIR", required = true, description = "A recording or a folder of them.")
    Path input;

    @Mixin
    ReservoirOptions reservoir;

    @Option(names = "--out", paramLabel = "FILE.jsonl", required = true, description = "Where the JSON lines go.")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        reservoir.check(cl);
        if (!Files.exists(input)) throw new IllegalArgumentException(input + ": no such file or folder");
        EventReservoirFunction function = reservoir.function(cl);
        var source = Sources.events(SourceSpec.parse("file:" + input.toAbsolutePath()), reservoir.format, reservoir.batchEvents, 0, null);
        EventJob.Result s = EventJob.run(run.settings(), source, function, WorkFolders.fresh(run.workDir, "events-run"),
                "engram-events-run");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (List<JsonNode> lines : s.lines().values()) {
                for (JsonNode line : lines) {
                    w.write(JSON.writeValueAsString(line));
                    w.newLine();
                }
            }
        }
        PrintWriter o = cl.getOut();
        long results = s.results(), events = s.events();
        o.printf(Locale.ROOT, "%d %s from %d events in %.1f s (%.0f events/s); %d dead letters%n", results,
                reservoir.model == null ? "embeddings" : "predictions", events, s.seconds(), events / Math.max(1e-9, s.seconds()),
                s.deadLetters().size());
        EventsCommand.printDeadLetters(o, s.deadLetters());
        o.println("out: " + out.toAbsolutePath());
        o.flush();
        if (results == 0) throw new IllegalStateException(input + ": nothing could be encoded (see the dead letters above)");
        return 0;
    }
}
