package dev.engram.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.source.camera.CameraOptions;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobOutputs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.Sources;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Mask;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.MaskFiles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VOS job over two live cameras: one served by a real RTSP server, one at an address where
 * nothing answers. The reachable camera's frames are segmented and committed while the other is
 * reported unreachable (a dead letter and its health file) and the job goes on.
 */
class CameraJobITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anUnreachableCameraIsADeadLetterAndAHealthRecordWhileTheOtherIsSegmented() throws Exception {
        try (RtspServer server = new RtspServer(tmp.resolve("rtsp"), 160, 120, 15)) {
            server.start();
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            Path masks = tmp.resolve("masks");
            byte[] ids = new byte[160 * 120];
            for (int y = 40; y < 80; y++) for (int x = 60; x < 100; x++) ids[y * 160 + x] = 1;
            MaskFiles.writePng(new Mask(160, 120, ids), masks.resolve("front/00000.png"));

            Path out = tmp.resolve("out");
            var input = Sources.cameras(List.of(SourceSpec.parse("camera:" + server.url() + "#front"),
                    SourceSpec.parse("camera:rtsp://127.0.0.1:" + closedPort + "/none#dead")), masks, 40,
                    Map.of(CameraOptions.CONNECT_TIMEOUT_MS.key(), "1500", CameraOptions.TRANSPORT.key(), "tcp"));
            StreamExecutionEnvironment env = JobRunner.environment(EngineSettings.local(tmp.resolve("work"), 1)
                    .withCheckpointInterval(Duration.ofMillis(500)));
            JobGraphs.vos(env, input, new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 10,
                    JobOutputs.files(EngineSettings.uri(out)));
            JobClient job = env.executeAsync("cameras");
            CommittedOutput committed = new CommittedOutput(out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && !(committed.finishedStreams("frames").contains("front")
                    && Files.exists(out.resolve("health/dead.json")) && !committed.deadLetters().isEmpty())) {
                Thread.sleep(200);
            }
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState()).as("the job goes on with a dead camera").isFalse();
            job.cancel().get(30, TimeUnit.SECONDS);

            assertThat(committed.lines("frames", "front")).hasSize(40);
            for (int i = 0; i < 40; i++) assertThat(out.resolve(String.format("masks/front/%05d.png", i))).exists();
            assertThat(committed.deadLetters()).anySatisfy(d -> assertThat(d.toString()).contains("unreachable").contains("dead"));
            JsonNode dead = JSON.readTree(out.resolve("health/dead.json").toFile());
            assertThat(dead.path("unreachable").asBoolean()).isTrue();
            assertThat(dead.path("connected").asBoolean()).isFalse();
            assertThat(dead.path("origin").asText()).isEqualTo("rtsp://127.0.0.1:" + closedPort + "/none");
        }
    }
}
