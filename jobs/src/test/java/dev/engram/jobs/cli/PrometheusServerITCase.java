package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}), started by the test with a scrape configuration
 * for the job's Prometheus reporter, returns Engram's metrics of a running {@code engram demo} (VOS,
 * events and TTA streams) through its query API with plausible values: frames and events per second
 * above zero, learner bytes within the budget, and, once the digit camera's weather has drifted
 * (fog, snow, noise), the adapted model's error below the frozen source model's.
 */
class PrometheusServerITCase {
    private static final Path PROMETHEUS = Path.of(System.getenv().getOrDefault("ENGRAM_PROMETHEUS", "/usr/bin/prometheus"));
    private static final String P = "flink_taskmanager_job_task_operator_stream_";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void prometheusScrapesEngramsStreamMetricsWithPlausibleValues() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "no Prometheus at " + PROMETHEUS + " (Debian: apt-get install prometheus; .ci/run installs it)");
        int reporter = freePort(), web = freePort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n", "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                "scrape_configs:", "  - job_name: engram", "    static_configs:", "      - targets: ['127.0.0.1:" + reporter + "']", ""));
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        StringWriter text = new StringWriter();
        AtomicInteger rc = new AtomicInteger(-1);
        Thread demo = new Thread(() -> rc.set(EngramCli.run(new PrintWriter(text, true), "demo", "--streams", "1", "--event-streams", "1",
                "--tta-streams", "1", "--frames", "240", "--fps", "4", "--tta-batches", "90", "--digits-per-second", "128",
                "--width", "160", "--height", "120", "--memory-budget", "2MiB", "--metrics-port", String.valueOf(reporter),
                "--tta-cache", Path.of("target", "tta-cache").toString(), "--dashboard", "off", "--quiet",
                "--out", tmp.resolve("out").toString(), "--work-dir", tmp.resolve("work").toString())), "demo");
        demo.start();
        URI api = URI.create("http://127.0.0.1:" + web + "/api/v1/query?query=");
        try {
            // Streams report once the job runs (after the first-use training of the digit model).
            await(api, P + "framesPerSecond{stream=\"cam_0\"} > 0", Duration.ofMinutes(5));
            await(api, P + "framesPerSecond{stream=\"digits_0\"} > 0", Duration.ofMinutes(1));
            await(api, P + "eventsPerSecond{stream=\"events_0\"} > 0", Duration.ofMinutes(1));
            Map<String, Double> learner = values(api, P + "learnerBytes");
            Map<String, Double> budget = values(api, P + "budgetBytes");
            assertThat(learner).containsKeys("cam_0", "events_0", "digits_0");
            assertThat(budget.get("cam_0")).isEqualTo(2.0 * (1 << 20));
            assertThat(learner.get("cam_0")).isPositive().isLessThanOrEqualTo(budget.get("cam_0"));
            assertThat(learner.get("digits_0")).isPositive();
            assertThat(values(api, P + "processingLatency{quantile=\"0.95\"}")).containsKeys("cam_0", "events_0", "digits_0");
            assertThat(values(api, P + "jAndF").get("cam_0")).isBetween(0.0, 1.0);
            assertThat(values(api, P + "lsmFiringRate").get("events_0")).isPositive();
            // 640 digits per weather spell, 64 per batch: fog from batch 10, snow from 20, noise from 30.
            await(api, P + "framesIn{stream=\"digits_0\"} >= 64 * 40", Duration.ofMinutes(2));
            double adapted = values(api, "avg_over_time(" + P + "ttaError{stream=\"digits_0\"}[15s])").get("digits_0");
            double source = values(api, "avg_over_time(" + P + "sourceError{stream=\"digits_0\"}[15s])").get("digits_0");
            assertThat(adapted).as("adapted error %s, source error %s", adapted, source).isLessThan(source);
            assertThat(source).as("the weather hurts the frozen model").isGreaterThan(0.1);
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) prometheus.destroyForcibly();
            demo.join(Duration.ofMinutes(5).toMillis());
        }
        assertThat(rc.get()).as(text.toString()).isZero();
    }

    /** Waits until an instant query returns at least one series. */
    private void await(URI api, String query, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (!query(api, query).isEmpty()) return;
            } catch (IOException notYet) {
                // Prometheus still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no series for " + query + " within " + timeout.toSeconds() + " s");
    }

    /** Stream label → value of an instant query's series. */
    private Map<String, Double> values(URI api, String query) throws Exception {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode r : query(api, query)) out.put(r.path("metric").path("stream").asText(), r.path("value").get(1).asDouble());
        return out;
    }

    private JsonNode query(URI api, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(query + ": HTTP " + r.statusCode() + " " + r.body());
        return new ObjectMapper().readTree(r.body()).path("data").path("result");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
