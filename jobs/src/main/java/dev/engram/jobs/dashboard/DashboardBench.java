package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.preview.LivePreviews;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.jobs.TtaModels;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.tta.TtaFunction;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.tta.Method;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.data.DigitRenderer;
import dev.engram.vos.VosOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code engram bench dashboard}: how the dashboard holds up with many streams. Runs light streams
 * endlessly in one job on the embedded Flink (small synthetic VOS cameras, small emulated event
 * cameras, digit cameras with small batches: 16 streams at 480p would not run on two cores, so these
 * are deliberately light), serves their dashboard, opens it in a headless Chromium, and measures the
 * time from a learner finishing a record to that record's point drawn on screen, in the browser: the
 * record's wall-clock time against the time two animation frames after the plot took the point (so
 * the canvas holding it has been presented; same machine, same clock). Beside it, as the baseline,
 * the part until the server's look at the metrics turned the record into a point. Every sample
 * interval it also takes the JVM's heap after a full GC (dashboard, job and all), the browser's
 * memory (the proportional set size of all its processes) and the page's JavaScript heap after a GC,
 * so a run of many minutes shows whether memory stays flat.
 */
public final class DashboardBench {
    /** What to run and for how long. */
    public record Settings(int vosStreams, int eventStreams, int ttaStreams, double minutes, double sampleSeconds, Path cache,
            Path workDir) {}

    private DashboardBench() {}

    public static Map<String, Object> run(Settings s, EngineSettings engine, Consumer<String> progress) throws Exception {
        TtaModels.Prepared prepared = TtaModels.prepareRendered(DigitRenderer.systemFonts(), s.cache(), 42, true, progress);
        String channel = "bench-" + System.nanoTime();
        DashboardModel model = new DashboardModel(new LocalMetrics(), PreviewSource.live(channel), 15_000);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> sampled = new ArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (DashboardServer server = DashboardServer.start(DashboardAddress.parse("0", false), model)) {
            EngineSettings settings = engine.withFlinkOption(LocalMetricsReporter.FACTORY_OPTION, LocalMetricsReporter.Factory.class.getName());
            StreamExecutionEnvironment env = JobRunner.environment(settings);
            JobGraphs.PreviewTarget previews = JobGraphs.PreviewTarget.live(channel);
            List<JobGraphs.Pipeline> pipelines = new ArrayList<>();
            if (s.vosStreams() > 0) {
                var cams = Sources.frames(SourceSpec.parse("synthetic:" + s.vosStreams()), null, 0, null,
                        new Sources.Synthetic(96, 72, 1, 4, 7));
                pipelines.add(JobGraphs.vosPipeline(env, "vos-", cams,
                        new SegmentationFunction(VosOptions.defaults().with(VosOptions.MEMORY_BUDGET, 2L << 20)).previews(previews.intervalMs()),
                        new FrameScoring(), 50));
            }
            if (s.eventStreams() > 0) {
                var events = Sources.events(SourceSpec.parse("synthetic:" + s.eventStreams()), "auto", 0, 0,
                        new Sources.Synthetic(64, 48, 2, 10, 8));
                pipelines.add(JobGraphs.eventsPipeline(env, "events-", events,
                        EventReservoirFunction.windows(LsmOptions.defaults().with(LsmOptions.NEURONS, 200), 100_000).previews(previews.intervalMs())));
            }
            if (s.ttaStreams() > 0) {
                var digits = Sources.syntheticDigits(s.ttaStreams(), prepared.faces(), 3, 16, 320, 0, 16, 9);
                TtaFunction adapt = TtaModels.function(prepared, Method.ECOTTA, Double.NaN, CollapseGuard.Config.defaults());
                pipelines.add(JobGraphs.ttaPipeline(env, "tta-", digits, adapt.previews(previews.intervalMs())));
            }
            JobGraphs.finish(pipelines, EngineSettings.uri(s.workDir().resolve("out")), previews);
            JobClient job = env.executeAsync("engram-bench-dashboard");
            int streams = s.vosStreams() + s.eventStreams() + s.ttaStreams();
            try (HeadlessChromium browser = HeadlessChromium.launch(s.workDir().resolve("browser"), 1600, 1200)) {
                browser.navigate(server.uri());
                browser.waitFor("engram.cards().length >= " + streams, java.time.Duration.ofMinutes(5));
                progress.accept("all " + streams + " streams on the page; warming up 30 s");
                Thread.sleep(30_000);
                browser.evaluate("engram.takeLatencies().length");
                model.takeSampleDelays();
                long t0 = System.nanoTime();
                long end = t0 + (long) (s.minutes() * 60e9);
                while (System.nanoTime() < end) {
                    Thread.sleep((long) (s.sampleSeconds() * 1000));
                    JsonNode l = browser.evaluate("engram.takeLatencies()");
                    List<Long> fresh = new ArrayList<>();
                    for (JsonNode v : l) fresh.add(v.asLong());
                    latencies.addAll(fresh);
                    sampled.addAll(model.takeSampleDelays());
                    Map<String, Object> sample = new LinkedHashMap<>();
                    sample.put("minute", Math.round((System.nanoTime() - t0) / 6e9) / 10.0);
                    System.gc();
                    sample.put("serverHeapAfterGcBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    sample.put("browserPssBytes", browser.memoryBytes());
                    sample.put("pageHeapBytes", browser.jsHeapUsed());
                    sample.put("points", fresh.size());
                    sample.put("latencyP95Ms", percentile(fresh, 0.95));
                    sample.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    samples.add(sample);
                    progress.accept(String.format(Locale.ROOT, "%.1f min: %d points, p95 %d ms, server heap %.1f MiB, browser PSS %.1f MiB,"
                            + " page heap %.1f MiB, load %.1f", sample.get("minute"), fresh.size(), sample.get("latencyP95Ms"),
                            mib(sample.get("serverHeapAfterGcBytes")), mib(sample.get("browserPssBytes")),
                            mib(sample.get("pageHeapBytes")), (Double) sample.get("loadAverage")));
                }
                out.put("pageErrors", browser.errors());
            } finally {
                job.cancel().get();
            }
        } finally {
            LivePreviews.close(channel);
        }
        out.put("streams", Map.of("vos", s.vosStreams(), "events", s.eventStreams(), "tta", s.ttaStreams()));
        out.put("load", "VOS 96x72 at 4 frames/s, events 64x48 at 10 frames/s (200-neuron reservoir, 100 ms windows), "
                + "TTA EcoTTA on 16 digits/s in batches of 16; one job, parallelism " + engine.parallelism());
        out.put("minutes", s.minutes());
        out.put("points", latencies.size());
        out.put("recordToServerSampleP50Ms", percentile(sampled, 0.5));
        out.put("recordToServerSampleP95Ms", percentile(sampled, 0.95));
        out.put("latencyP50Ms", percentile(latencies, 0.5));
        out.put("latencyP95Ms", percentile(latencies, 0.95));
        out.put("latencyP99Ms", percentile(latencies, 0.99));
        out.put("loadAverageAtStart", load0);
        out.put("samples", samples);
        out.put("serverHeapMiBFirstThirdLastThird", thirds(samples, "serverHeapAfterGcBytes"));
        out.put("browserPssMiBFirstThirdLastThird", thirds(samples, "browserPssBytes"));
        out.put("pageHeapMiBFirstThirdLastThird", thirds(samples, "pageHeapBytes"));
        out.put("serverHeapSlopeMiBPerHour", slope(samples, "serverHeapAfterGcBytes"));
        out.put("browserPssSlopeMiBPerHour", slope(samples, "browserPssBytes"));
        out.put("pageHeapSlopeMiBPerHour", slope(samples, "pageHeapBytes"));
        return out;
    }

    static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) return -1;
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
    }

    /** Medians of a sampled figure over the first and the last third of the samples, in MiB. */
    static List<Double> thirds(List<Map<String, Object>> samples, String key) {
        int n = samples.size(), third = Math.max(1, n / 3);
        return List.of(median(samples.subList(0, third), key), median(samples.subList(n - third, n), key));
    }

    private static double median(List<Map<String, Object>> part, String key) {
        double[] v = part.stream().mapToDouble(m -> ((Number) m.get(key)).doubleValue() / (1 << 20)).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Least-squares slope of a sampled figure against time, in MiB per hour. */
    static double slope(List<Map<String, Object>> samples, String key) {
        int n = samples.size();
        if (n < 2) return Double.NaN;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Map<String, Object> m : samples) {
            double x = ((Number) m.get("minute")).doubleValue() / 60, y = ((Number) m.get(key)).doubleValue() / (1 << 20);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    private static double mib(Object bytes) {
        return ((Number) bytes).doubleValue() / (1 << 20);
    }
}
