package dev.engram.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts, points and bounds of the dashboard's model, on hand-set metrics and a hand-set clock. */
class DashboardModelTest {
    private final FakeMetrics metrics = new FakeMetrics();
    private long now = 1_000_000;
    private final DashboardModel model = new DashboardModel(metrics, PreviewSource.none(), 10_000, () -> now);

    private void record(String stream) {
        metrics.set(stream, "lastRecordTimeMs", now);
    }

    @Test
    void aPointIsAddedEachTimeTheLearnerFinishesARecord() {
        metrics.set("cam-0", "bankBytes", 1).set("cam-0", "jAndF", 0.8);
        record("cam-0");
        JsonNode u = model.poll();
        assertThat(u.path("streams").get(0).path("point").get(0).asLong()).isEqualTo(now);
        now += 250;
        assertThat(model.poll().path("streams")).isEmpty(); // nothing new
        record("cam-0");
        metrics.set("cam-0", "jAndF", 0.9);
        JsonNode p = model.poll().path("streams").get(0).path("point");
        assertThat(p.get(1).asLong()).isEqualTo(now);
        assertThat(p.get(2 + DashboardModel.PLOTTED.indexOf("jAndF")).asDouble()).isEqualTo(0.9);
        assertThat(model.state().path("streams").get(0).path("history")).hasSize(2);
    }

    @Test
    void budgetAboveNinetyPercentRaisesAnAlertThatClearsBelowIt() {
        metrics.set("cam-0", "budgetBytes", 1000).set("cam-0", "learnerBytes", 800).set("cam-0", "bankBytes", 100);
        record("cam-0");
        model.poll();
        assertThat(model.activeAlerts()).isEmpty();
        metrics.set("cam-0", "learnerBytes", 950);
        model.poll();
        assertThat(model.activeAlerts()).containsExactly("budget:cam-0");
        assertThat(model.state().path("alerts").get(0).path("message").asText()).contains("95 %");
        metrics.set("cam-0", "learnerBytes", 700);
        model.poll();
        assertThat(model.activeAlerts()).isEmpty();
    }

    @Test
    void resetsCollapsesAndDeadLettersAlertWhenTheirCountsGrowAndForAMinute() {
        metrics.set("digits-0", "ttaError", 0.1).set("digits-0", "adaptationResets", 0).set("digits-0", "collapseDetections", 0)
                .set("digits-0", "deadLetters", 2);
        record("digits-0");
        model.poll();
        assertThat(model.activeAlerts()).isEmpty(); // counts seen at the first look are the baseline
        now += 1000;
        record("digits-0");
        metrics.set("digits-0", "adaptationResets", 1).set("digits-0", "collapseDetections", 1).set("digits-0", "deadLetters", 3);
        model.poll();
        assertThat(model.activeAlerts()).containsExactlyInAnyOrder("reset:digits-0", "collapse:digits-0", "deadLetters:digits-0");
        now += DashboardModel.RECENT_MS + 1;
        record("digits-0");
        model.poll();
        assertThat(model.activeAlerts()).isEmpty();
    }

    @Test
    void aStreamWithoutNewRecordsStallsAndAStreamThatStopsReportingEnds() {
        metrics.set("events-0", "eventsIn", 5);
        record("events-0");
        model.poll();
        now += 10_001;
        model.poll();
        assertThat(model.activeAlerts()).containsExactly("stalled:events-0");
        metrics.streams.remove("events-0");
        JsonNode u = model.poll();
        assertThat(u.path("streams").get(0).path("ended").asBoolean()).isTrue();
        assertThat(model.activeAlerts()).isEmpty();
        now += DashboardModel.ENDED_KEEP_MS + 1;
        model.poll();
        assertThat(model.trackedStreams()).isZero();
    }

    @Test
    void aCameraThatSaysItStalledOrLostItsConnectionRaisesTheStallAlertSayingWhich() {
        metrics.set("cam-7", "cameraStalled", 1).set("cam-7", "cameraConnected", 1).set("cam-7", "cameraLastFrameAgeMs", 4200);
        model.poll();
        assertThat(model.activeAlerts()).containsExactly("stalled:cam-7");
        assertThat(model.state().path("alerts").get(0).path("message").asText())
                .isEqualTo("cam-7: camera connected but delivers no frames, last frame 4.2 s ago");
        metrics.set("cam-7", "cameraStalled", 0).set("cam-7", "cameraConnected", 0).set("cam-7", "cameraReconnects", 3);
        model.poll();
        assertThat(model.state().path("alerts").get(0).path("message").asText()).startsWith("cam-7: camera not connected (3 reconnects");
        metrics.set("cam-7", "cameraConnected", 1);
        model.poll();
        assertThat(model.activeAlerts()).isEmpty();
    }

    @Test
    void historyAndStreamsStayBoundedHoweverLongItRuns() {
        for (int i = 0; i < DashboardModel.HISTORY + 50; i++) {
            now += 250;
            record("cam-0");
            metrics.set("cam-0", "bankBytes", i);
            model.poll();
        }
        assertThat(model.state().path("streams").get(0).path("history")).hasSize(DashboardModel.HISTORY);
        for (int s = 0; s < DashboardModel.MAX_STREAMS + 30; s++) {
            now += 10;
            record("s-" + s);
            model.poll();
        }
        assertThat(model.trackedStreams()).isEqualTo(DashboardModel.MAX_STREAMS);
    }

    @Test
    void unreachableMetricsAreReportedAndTheNextLookRecovers() {
        metrics.failing = "connection refused";
        assertThat(model.poll().path("error").asText()).isEqualTo("connection refused");
        metrics.failing = null;
        assertThat(model.poll().has("error")).isFalse();
    }

    @Test
    void aPreviewIsSentOnceWhenItIsNew() {
        dev.engram.operators.preview.Preview p = new dev.engram.operators.preview.Preview();
        p.streamId = "cam-0";
        p.index = 4;
        p.timeMs = 9;
        DashboardModel m = new DashboardModel(metrics, () -> Map.of("cam-0", p), 10_000, () -> now);
        record("cam-0");
        assertThat(m.poll().path("previews")).hasSize(1);
        assertThat(m.poll().path("previews")).isEmpty();
        p.index = 5;
        assertThat(m.poll().path("previews").get(0).path("index").asLong()).isEqualTo(5);
        assertThat(m.preview("cam-0")).isSameAs(p);
        assertThat(m.preview("nobody")).isNull();
    }
}
