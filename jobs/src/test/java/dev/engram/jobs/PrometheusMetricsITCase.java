package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.operators.InputRecord;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.SegmentedFrame;
import dev.engram.vos.VosOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmentation operator's metrics reach Prometheus: a local job with the reporter that
 * {@code --metrics-port} enables is held after a few frames and scraped over HTTP on localhost.
 */
class PrometheusMetricsITCase {
    /** Opened by the test once it has scraped; the job waits at {@link Hold#AT_FRAME} until then. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TempDir
    Path tmp;

    @Test
    void bankAndBudgetBytesOfEachStreamAreScrapedOverHttp() throws Exception {
        int port = freePort();
        EngineSettings settings = EngineSettings.local(tmp.resolve("work"), 1);
        settings = new EngineSettings(settings.checkpointInterval(), settings.checkpointDir(), settings.stateBackend(),
                settings.restartAttempts(), settings.restartDelay(), settings.savepointDir(), null, 1, java.util.Map.of(),
                settings.workDir(), String.valueOf(port));
        StreamExecutionEnvironment env = JobRunner.environment(settings);
        var cameras = Sources.frames(SourceSpec.parse("synthetic:1"), null, 12, null, new Sources.Synthetic(64, 48, 1, 0, 3));
        long budget = 4L << 20;
        env.fromSource(cameras, org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "cameras")
                .keyBy(InputRecord::streamId)
                .process(new SegmentationFunction(VosOptions.defaults().with(VosOptions.MEMORY_BUDGET, budget)))
                .map(new Hold()).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("metrics-test");
        String body = "";
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // One scrape reads the gauges one after another while frames update them: wait for a body
            // in which every gauge asserted below has its first value.
            while (System.nanoTime() < deadline && (gauge(body, "bankBytes", "cam-0") <= 0
                    || gauge(body, "learnerBytes", "cam-0") <= 0 || gauge(body, "framesIn", "cam-0") <= 0)) {
                Thread.sleep(100);
                try {
                    body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException notYetListening) {
                    body = "";
                }
            }
        } finally {
            RELEASE.countDown();
        }
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);

        long learner = gauge(body, "learnerBytes", "cam-0");
        assertThat(learner).as(body).isPositive().isLessThanOrEqualTo(budget);
        assertThat(gauge(body, "bankBytes", "cam-0")).as("the frame bank is a part of the learner").isPositive().isLessThan(learner);
        assertThat(gauge(body, "budgetBytes", "cam-0")).isEqualTo(budget);
        assertThat(gauge(body, "framesIn", "cam-0")).isPositive();
        assertThat(body).contains("flink_taskmanager_job_task_operator_liveStreams")
                .contains("flink_taskmanager_job_task_operator_stream_processingLatency{")
                .contains("flink_taskmanager_job_task_operator_stream_framesPerSecond{");
    }

    /**
     * The value of per-stream gauge {@code name} for {@code stream} in a scrape, or -1. The reporter
     * turns the group into a {@code stream} label and, like every label value, maps '-' to '_'.
     */
    private static long gauge(String scrape, String name, String stream) {
        Matcher m = Pattern.compile("(?m)^flink_taskmanager_job_task_operator_stream_" + name + "\\{[^}]*stream=\""
                + Pattern.quote(stream.replace('-', '_')) + "\"[^}]*} ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static final class Hold implements MapFunction<SegmentedFrame, SegmentedFrame> {
        static final long AT_FRAME = 4;

        @Override
        public SegmentedFrame map(SegmentedFrame f) throws InterruptedException {
            if (f.index == AT_FRAME) RELEASE.await(90, TimeUnit.SECONDS);
            return f;
        }
    }
}
