package dev.engram.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkRestMetricsTest {
    @Test
    void restMetricIdsAreParsedIntoStreamsAndNames() {
        assertThat(FlinkRestMetrics.parse("segment.stream.cam-1.learnerBytes"))
                .isEqualTo(new FlinkRestMetrics.Parsed("cam-1", "learnerBytes"));
        assertThat(FlinkRestMetrics.parse("vos-segment.stream.clip.v2.jAndF")).isEqualTo(new FlinkRestMetrics.Parsed("clip.v2", "jAndF"));
        assertThat(FlinkRestMetrics.parse("tta-adapt.stream.digits-0.processingLatency_p95"))
                .isEqualTo(new FlinkRestMetrics.Parsed("digits-0", "processingLatency.p95"));
        assertThat(FlinkRestMetrics.parse("lsm-reservoir.stream.0/600.reason.encode.deadLetters"))
                .isEqualTo(new FlinkRestMetrics.Parsed("0/600", "deadLetters"));
        assertThat(FlinkRestMetrics.parse("Source__frames.split.cam-0.watermark.currentWatermark")).isNull();
        assertThat(FlinkRestMetrics.parse("segment.stream.cam-1.processingLatency_max")).isNull();
        assertThat(FlinkRestMetrics.parse("segment.stream.cam-1.numRecordsIn")).isNull();
        assertThat(FlinkRestMetrics.parse("segment.numRecordsIn")).isNull();
    }
}
