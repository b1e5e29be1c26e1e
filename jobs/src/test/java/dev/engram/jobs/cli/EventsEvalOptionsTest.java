package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.eval.EventEvaluation;
import dev.engram.snn.eval.Modality;
import dev.engram.snn.readout.ReadoutOptions;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** What {@code events eval} flags make of the candidates the nested CV compares (no data, no Flink). */
class EventsEvalOptionsTest {

    private static EventEvaluation.Options options(String... args) {
        EventsEvalCommand c = new EventsEvalCommand();
        String[] all = new String[args.length + 4];
        all[0] = "--train";
        all[1] = "train";
        all[2] = "--test";
        all[3] = "test";
        System.arraycopy(args, 0, all, 4, args.length);
        new CommandLine(c).parseArgs(all);
        return c.options(Modality.VISION, EventEvaluation.Folds.stratified(5));
    }

    @Test
    void tiledComparesScalingsAndAugmentationsUnlessOneIsSet() {
        assertThat(options("--reservoir", "tiled").candidates()).extracting(EventEvaluation.Candidate::name)
                .containsExactly("tiled-recurrent", "tiled-feedforward", "tiled-recurrent-unit-length", "tiled-feedforward-unit-length",
                        "tiled-recurrent-unit-length-drop", "tiled-feedforward-unit-length-drop");
        assertThat(options("--reservoir", "tiled", "--augment", "0").candidates()).extracting(EventEvaluation.Candidate::name)
                .containsExactly("tiled-recurrent", "tiled-feedforward", "tiled-recurrent-unit-length", "tiled-feedforward-unit-length");
        assertThat(options("--reservoir", "tiled", "--set", "augment.drop=0.20").candidates()).extracting(EventEvaluation.Candidate::name)
                .containsExactly("tiled-recurrent", "tiled-feedforward", "tiled-recurrent-unit-length", "tiled-feedforward-unit-length",
                        "tiled-recurrent-unit-length-drop", "tiled-feedforward-unit-length-drop");

        EventEvaluation.Options fixed = options("--reservoir", "tiled", "--augment", "0", "--set", "readout.ridge.scaling=unit-length",
                "--set", "lsm.tau-membrane-ms=50");
        assertThat(fixed.candidates()).extracting(EventEvaluation.Candidate::name)
                .containsExactly("tiled-recurrent-unit-length", "tiled-feedforward-unit-length");
        assertThat(fixed.readout().get(ReadoutOptions.RIDGE_SCALING)).isEqualTo("unit-length");
        // an lsm.* setting reaches every candidate and keeps its readout override
        assertThat(fixed.candidates()).allSatisfy(c -> {
            assertThat(c.lsm().get(dev.engram.snn.lsm.LsmOptions.TAU_MEMBRANE_MS)).isEqualTo(50.0);
            assertThat(c.readout()).containsEntry("readout.ridge.scaling", "unit-length");
        });
    }

    @Test
    void anotherReadoutKindKeepsOnlyCandidatesThatDifferForIt() {
        assertThat(options("--reservoir", "tiled", "--readout", "logistic").candidates()).extracting(EventEvaluation.Candidate::name)
                .containsExactly("tiled-recurrent", "tiled-feedforward");
    }

    @Test
    void anUnknownScalingIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> options("--reservoir", "tiled", "--set", "readout.ridge.scaling=l2"))
                .hasMessageContaining("readout.ridge.scaling").hasMessageContaining("standardize, unit-length");
    }
}
