package dev.engram.vos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.MemoryBankOptions;
import dev.engram.memory.RmsclPolicy;
import dev.engram.memory.WeightedFifoPolicy;
import dev.engram.memory.Option;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class VosOptionsTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    @Test
    void memoryBankKeysAreLearnerOptionsAndConfigureTheObjectsMemories() {
        VosOptions o = VosOptions.defaults().withText("memory.rmscl.top-k", "2").withText("memory.anchor-floor", "0.4");
        OnlineSegmenter s = new OnlineSegmenter(o);
        s.segment(SegmenterStreams.TWO_OBJECTS.frame(0), RESOURCES);
        RmsclPolicy p = (RmsclPolicy) s.tracksForTest().get(0).bank.policy();
        assertThat(p.topK()).isEqualTo(2);
        assertThat(p.anchorFloor()).isEqualTo(0.4);

        OnlineSegmenter fifo = new OnlineSegmenter(VosOptions.defaults().withText("vos.policy", "fifo")
                .withText("memory.fifo.learning-rate", "0.3"));
        fifo.segment(SegmenterStreams.TWO_OBJECTS.frame(0), RESOURCES);
        assertThat(((WeightedFifoPolicy) fifo.tracksForTest().get(0).bank.policy()).learningRate()).isEqualTo(0.3);
    }

    @Test
    void everyKeyIsDeclaredOnceAndTheGrclStrengthOnlyByTheLearner() {
        assertThat(VosOptions.ALL).extracting(Option::key).doesNotHaveDuplicates()
                .containsAll(MemoryBankOptions.ALL.stream().map(Option::key).toList())
                .filteredOn(k -> k.contains("strength")).containsExactly("vos.grcl-strength");
    }

    @Test
    void noneMeansNoBackboneAndOptionsSurviveTheirOwnCodec() throws Exception {
        VosOptions o = VosOptions.defaults().withText("vos.backbone", "none").withText("memory.rmscl.lambda1", "0.02");
        assertThat(o.get(VosOptions.BACKBONE)).isEmpty();
        assertThat(o.backboneName()).isEqualTo("none");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        o.write(new java.io.DataOutputStream(bytes));
        VosOptions back = VosOptions.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back).isEqualTo(o);
        assertThat(back.get(MemoryBankOptions.RMSCL_LAMBDA1)).isEqualTo(0.02);
    }

    @Test
    void optionsWrittenBeforeTheFlowRefinementExistedComeBackWithThePresetsOwn() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        List<Option<?>> older = VosOptions.ALL.stream().filter(x -> x != VosOptions.FLOW_REFINEMENT).toList();
        out.writeInt(older.size());
        for (Option<?> x : older) {
            out.writeUTF(x.key());
            out.writeUTF(String.valueOf(VosOptions.defaults().get(x)));
        }
        VosOptions back = VosOptions.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.get(VosOptions.FLOW_REFINEMENT)).isEqualTo(-1);
        assertThat(back.with(VosOptions.FLOW_REFINEMENT, VosOptions.defaults().get(VosOptions.FLOW_REFINEMENT)))
                .isEqualTo(VosOptions.defaults());
    }

    /**
     * A recent share survives the options' codec. (States written before the key existed read it as 0,
     * through the same list as the flow refinement above; while the default is 0 no test can tell that
     * from the default, so the test above is the one that checks the mechanism.)
     */
    @Test
    void aRecentShareSurvivesTheOptionsCodec() throws Exception {
        VosOptions shared = VosOptions.defaults().with(dev.engram.memory.MemoryBankOptions.RMSCL_RECENT_FRACTION, 0.5);
        java.io.ByteArrayOutputStream now = new java.io.ByteArrayOutputStream();
        shared.write(new java.io.DataOutputStream(now));
        VosOptions kept = VosOptions.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(now.toByteArray())));
        assertThat(kept.get(dev.engram.memory.MemoryBankOptions.RMSCL_RECENT_FRACTION)).isEqualTo(0.5);
        assertThat(kept).isEqualTo(shared);
    }

    @Test
    void flowPresetIsOneOfOpenCvsThreeAndRefusesOthersWhenSet() {
        assertThat(VosOptions.defaults().get(VosOptions.FLOW_PRESET)).isEqualTo("medium");
        assertThat(VosOptions.flowPreset(VosOptions.defaults().withText("vos.flow-preset", " FAST ").get(VosOptions.FLOW_PRESET))).isEqualTo(1);
        assertThat(VosOptions.flowPreset("ultrafast")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VosOptions.defaults().withText("vos.flow-preset", "slow"))
                .hasMessageContaining("ultrafast, fast, medium");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OnlineSegmenter(VosOptions.defaults().with(VosOptions.FLOW_PRESET, "slow")))
                .hasMessageContaining("ultrafast, fast, medium");
        // one DIS object per setting, kept while streams with different settings take turns
        assertThat(RESOURCES.flow(1, -1, -1)).isSameAs(RESOURCES.flow(1, -1, -1)).isNotSameAs(RESOURCES.flow(2, -1, -1))
                .isNotSameAs(RESOURCES.flow(1, 0, -1)).isNotSameAs(RESOURCES.flow(1, -1, 4));
    }

    @Test
    void flowRefinementDefaultsToNoneAndRefusesBelowMinusOne() {
        assertThat(VosOptions.defaults().get(VosOptions.FLOW_REFINEMENT)).isZero();
        assertThat(VosOptions.defaults().withText("vos.flow-refinement", " 2 ").get(VosOptions.FLOW_REFINEMENT)).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VosOptions.defaults().withText("vos.flow-refinement", "-2"))
                .hasMessageContaining(">= -1");
        assertThat(VosOptions.defaults().get(VosOptions.FLOW_PATCH_STRIDE)).isEqualTo(-1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VosOptions.defaults().withText("vos.flow-patch-stride", "0"))
                .hasMessageContaining("-1 or >= 1");
    }
}
