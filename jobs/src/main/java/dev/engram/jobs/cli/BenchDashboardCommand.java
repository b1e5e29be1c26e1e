package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.jobs.dashboard.DashboardBench;
import dev.engram.jobs.dashboard.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram bench dashboard}: {@link DashboardBench}, 16 light streams watched by a headless
 * Chromium; latency from a record to its point on screen, and server and browser memory over time.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Dashboard responsiveness and memory with many light streams, measured in a headless Chromium.")
final class BenchDashboardCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vos-streams", defaultValue = "6", description = "Small synthetic VOS cameras (default: ${DEFAULT-VALUE}).")
    int vos;

    @Option(names = "--event-streams", defaultValue = "5", description = "Small emulated event cameras (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--tta-streams", defaultValue = "5", description = "Digit cameras (default: ${DEFAULT-VALUE}).")
    int tta;

    @Option(names = "--minutes", defaultValue = "3", description = "Measured minutes after a 30 s warm-up (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample-seconds", defaultValue = "30", description = "Seconds between memory samples (default: ${DEFAULT-VALUE}).")
    double sampleSeconds;

    @Option(names = "--tta-cache", paramLabel = "DIR", defaultValue = "target/tta-cache",
            description = "Where the rendered-digit source model is cached (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (vos < 0 || events < 0 || tta < 0 || vos + events + tta == 0 || minutes <= 0 || sampleSeconds <= 0) {
            throw new CommandLine.ParameterException(cl, "stream counts must not be negative (not all 0); --minutes and --sample-seconds positive");
        }
        if (!HeadlessChromium.available()) {
            throw new IllegalArgumentException(HeadlessChromium.binary() + ": no Chromium (Debian: apt-get install chromium)");
        }
        Djl.offline();
        Map<String, Object> figures = DashboardBench.run(new DashboardBench.Settings(vos, events, tta, minutes, sampleSeconds,
                cache, run.workDir.toAbsolutePath()), run.settings(), line -> {
                    cl.getOut().println(line);
                    cl.getOut().flush();
                });
        cl.getOut().printf(java.util.Locale.ROOT, "%d points: record to screen p50 %s ms, p95 %s ms, p99 %s ms"
                + " (record to the server's sample: p50 %s ms, p95 %s ms)%n", figures.get("points"), figures.get("latencyP50Ms"),
                figures.get("latencyP95Ms"), figures.get("latencyP99Ms"), figures.get("recordToServerSampleP50Ms"),
                figures.get("recordToServerSampleP95Ms"));
        cl.getOut().printf(java.util.Locale.ROOT, "memory slope (MiB/hour): server heap %.2f, browser PSS %.2f, page heap %.2f%n",
                figures.get("serverHeapSlopeMiBPerHour"), figures.get("browserPssSlopeMiBPerHour"), figures.get("pageHeapSlopeMiBPerHour"));
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), figures);
            cl.getOut().println("json: " + json.toAbsolutePath());
        }
        cl.getOut().flush();
        return 0;
    }
}
