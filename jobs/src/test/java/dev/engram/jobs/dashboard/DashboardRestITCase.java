package dev.engram.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.VosOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path of the dashboard: a job's metrics read through Flink's REST API (here the
 * MiniCluster's own REST endpoint, fetching every second as {@code engram cluster start} configures)
 * and its previews from the folder its preview sink writes, as {@code engram dashboard --cluster}
 * reads them.
 */
class DashboardRestITCase {
    @TempDir
    Path tmp;

    @Test
    void streamsOfARunningJobAppearWithMetricsFromTheRestApiAndPreviewsFromTheFolder() throws Exception {
        int rest;
        try (ServerSocket s = new ServerSocket(0)) {
            rest = s.getLocalPort();
        }
        EngineSettings settings = EngineSettings.local(tmp.resolve("work"), 1).withFlinkOption("rest.port", String.valueOf(rest))
                .withFlinkOption("rest.bind-address", "127.0.0.1").withFlinkOption("metrics.fetcher.update-interval", "1000");
        StreamExecutionEnvironment env = JobRunner.environment(settings);
        var cameras = Sources.frames(SourceSpec.parse("synthetic:2"), null, 0, null, new Sources.Synthetic(64, 48, 1, 4, 3));
        Path previews = tmp.resolve("out").resolve("previews");
        JobGraphs.vos(env, cameras, new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 10,
                EngineSettings.uri(tmp.resolve("out")), JobGraphs.PreviewTarget.folder(previews.toString()));
        JobClient job = env.executeAsync("dashboard-rest-test");
        DashboardModel model = new DashboardModel(new FlinkRestMetrics(URI.create("http://127.0.0.1:" + rest)),
                PreviewSource.folder(previews), 15_000);
        try (DashboardServer server = DashboardServer.start(DashboardAddress.parse("0", false), model)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            JsonNode state = null;
            while (System.nanoTime() < deadline) {
                state = model.state();
                if (ready(state)) break;
                Thread.sleep(500);
            }
            assertThat(ready(state)).as(String.valueOf(state)).isTrue();
            for (JsonNode s : state.path("streams")) {
                assertThat(s.path("kind").asText()).isEqualTo("vos");
                assertThat(s.path("values").path("learnerBytes").asDouble()).isPositive()
                        .isLessThanOrEqualTo(s.path("values").path("budgetBytes").asDouble());
                assertThat(s.path("values").path("framesIn").asDouble()).isPositive();
            }
            var http = java.net.http.HttpClient.newHttpClient();
            var picture = http.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/preview?stream=cam-1")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body())).getWidth()).isEqualTo(64);
        } finally {
            job.cancel().get();
            // Cancelling is acknowledged before the tasks stop writing: wait, or the temp folder is deleted under them.
            try {
                job.getJobExecutionResult().get(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException cancelled) {
                // the job ended cancelled, as asked
            }
        }
    }

    private static boolean ready(JsonNode state) {
        if (state == null || state.path("streams").size() < 2 || state.path("previews").size() < 2) return false;
        for (JsonNode s : state.path("streams")) {
            if (!s.path("values").has("learnerBytes") || s.path("history").isEmpty()) return false;
        }
        return true;
    }
}
