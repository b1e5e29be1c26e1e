package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.synthetic.DriftingScene;
import org.junit.jupiter.api.Test;

class BenchVosRestartFrameTest {
    private final DriftingScene scene = new DriftingScene(42, BenchVosCommand.DRIFT_WIDTH, BenchVosCommand.DRIFT_HEIGHT, 0);

    @Test
    void aRestartGoesBackToTheNearestFrameThatShowsTheObject() {
        // Frame 9,000 falls in one of the scene's exits (the object is out of view): a run restarted
        // there would have nothing to annotate.
        assertThat(scene.groundTruth(9000).objectIds()).isEmpty();
        long from = BenchVosCommand.restartFrame(scene, 9000);
        assertThat(from).isLessThan(9000).isGreaterThan(8000);
        assertThat(scene.groundTruth(from).objectIds()).isNotEmpty();
        assertThat(scene.groundTruth(from + 1).objectIds()).isEmpty();
    }

    @Test
    void aFrameThatShowsTheObjectIsKept() {
        assertThat(scene.groundTruth(5000).objectIds()).isNotEmpty();
        assertThat(BenchVosCommand.restartFrame(scene, 5000)).isEqualTo(5000);
    }
}
