package dev.engram.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngramMetricsTest {
    @Test
    void everyMetricIsDeclaredOnceWithAMeaningAndAUnit() {
        Set<String> names = new HashSet<>();
        for (EngramMetrics.Metric m : EngramMetrics.all()) {
            assertThat(names.add(m.name())).as(m.name()).isTrue();
            assertThat(m.name()).matches("[a-z][A-Za-z]+");
            assertThat(m.meaning()).isNotBlank();
            assertThat(m.unit()).isNotBlank();
            assertThat(EngramMetrics.named(m.name())).isSameAs(m);
        }
    }

    @Test
    void theCameraHealthNamesAreReservedForCameraSources() {
        for (String name : new String[] {"cameraConnected", "cameraStalled", "cameraReconnects", "cameraFramesDropped",
                "cameraLastFrameAgeMs"}) {
            assertThat(EngramMetrics.named(name)).as(name).isNotNull();
            assertThat(EngramMetrics.named(name).source()).isEqualTo(EngramMetrics.Source.CAMERA);
            assertThat(EngramMetrics.named(name).labels()).isEqualTo("stream");
        }
    }

    @Test
    void prometheusNamesFollowTheReportersScopeOfStreamAndReasonGroups() {
        assertThat(EngramMetrics.prometheusName(EngramMetrics.LEARNER_BYTES))
                .isEqualTo("flink_taskmanager_job_task_operator_stream_learnerBytes");
        assertThat(EngramMetrics.prometheusName(EngramMetrics.DEAD_LETTERS))
                .isEqualTo("flink_taskmanager_job_task_operator_stream_reason_deadLetters");
        assertThat(EngramMetrics.prometheusName(EngramMetrics.LIVE_STREAMS))
                .isEqualTo("flink_taskmanager_job_task_operator_liveStreams");
    }
}
