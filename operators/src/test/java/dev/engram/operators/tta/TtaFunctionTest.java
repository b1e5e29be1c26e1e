package dev.engram.operators.tta;

import dev.engram.operators.InputRecord;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.adapt.EcoTtaAdapter;
import dev.engram.tta.model.ResNetClassifier;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TtaFunctionTest {
    private static byte[] model;

    @BeforeAll
    static void smallModel() throws Exception {
        // Keep DJL offline with its native cache under the repository's target/.
        if (System.getProperty("DJL_CACHE_DIR") == null) System.setProperty("DJL_CACHE_DIR", "../target/djl-cache");
        System.setProperty("ai.djl.offline", "true");
        TorchRuntime.start(1);
        try (NDManager m = NDManager.newBaseManager();
                ResNetClassifier c = ResNetClassifier.initialise(new ResNetClassifier.Spec(4, 8, 8, 10), m, 11)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            c.write(new DataOutputStream(bytes));
            model = bytes.toByteArray();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, InputRecord<DigitBatch>, AdaptedBatch> harness() throws Exception {
        TtaFunction fn = new TtaFunction(model, null, EcoTtaAdapter.Config.defaults(), CollapseGuard.Config.defaults());
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId, Types.STRING);
    }

    private static DigitBatch batch(String stream, long index) {
        int n = 8;
        float[] px = new float[n * 784];
        long s = stream.hashCode() * 31L + index;
        for (int i = 0; i < px.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            px[i] = ((s >>> 40) & 0xFF) / 255f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) ((index + i) % 10);
        return new DigitBatch(stream, index, n, px, labels);
    }

    private static List<String> prints(List<AdaptedBatch> out) {
        List<String> p = new ArrayList<>();
        for (AdaptedBatch b : out) {
            p.add(b.streamId + "#" + b.index + ":" + java.util.Arrays.toString(b.predictions) + ":" + b.stateHash + ":"
                    + b.resets);
        }
        return p;
    }

    @Test
    void restoredOperatorContinuesExactlyLikeAnUninterruptedOne() throws Exception {
        List<String> uninterrupted;
        try (var h = harness()) {
            h.open();
            for (long i = 0; i < 6; i++) {
                h.processElement(in(batch("a", i)), i);
                h.processElement(in(batch("b", i)), i);
            }
            uninterrupted = prints(h.extractOutputValues());
        }
        OperatorSubtaskState snapshot;
        List<AdaptedBatch> before;
        try (var h = harness()) {
            h.open();
            for (long i = 0; i < 3; i++) {
                h.processElement(in(batch("a", i)), i);
                h.processElement(in(batch("b", i)), i);
            }
            snapshot = h.snapshot(1L, 3L);
            before = h.extractOutputValues();
        }
        List<AdaptedBatch> after;
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (long i = 3; i < 6; i++) {
                h.processElement(in(batch("a", i)), i);
                h.processElement(in(batch("b", i)), i);
            }
            after = h.extractOutputValues();
        }
        List<AdaptedBatch> resumed = new ArrayList<>(before);
        resumed.addAll(after);
        assertThat(prints(resumed)).containsExactlyElementsOf(uninterrupted);
        // The streams adapt independently: their states differ.
        assertThat(uninterrupted.get(10)).isNotEqualTo(uninterrupted.get(11).replace("b#", "a#"));
    }

    @Test
    void labelledBatchesAreScoredForTheAdaptedAndTheFrozenSourceModelAndPreviewed() throws Exception {
        TtaFunction fn = new TtaFunction(model, null, EcoTtaAdapter.Config.defaults(), CollapseGuard.Config.defaults()).previews(1);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId, Types.STRING)) {
            h.open();
            DigitBatch b = batch("a", 0);
            b.condition = "fog@3";
            h.processElement(in(b), 0);
            AdaptedBatch out = h.extractOutputValues().get(0);
            assertThat(out.labelled).isEqualTo(b.count);
            assertThat(out.errors).isBetween(0, b.count);
            assertThat(out.sourceErrors).isBetween(0, b.count);
            assertThat(out.meanEntropy).isFinite().isPositive();
            var previews = h.getSideOutput(dev.engram.operators.preview.Previews.TAG);
            assertThat(previews).hasSize(1);
            var p = previews.peek().getValue();
            assertThat(p.kind).isEqualTo("tta");
            assertThat(p.label).isEqualTo(b.labels[0]);
            assertThat(p.predicted).isEqualTo(out.predictions[0]);
            assertThat(p.sourcePredicted).isBetween(0, 9);
            assertThat(p.weather).isEqualTo("fog@3");
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(p.jpeg)).getWidth()).isEqualTo(112);
        }
    }

    @Test
    void tentAndSourceOnlyRunBehindTheSameOperator() throws Exception {
        for (TtaFunction fn : new TtaFunction[] {TtaFunction.tent(model, 1e-3, CollapseGuard.Config.defaults()), TtaFunction.sourceOnly(model)}) {
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId, Types.STRING)) {
                h.open();
                h.processElement(in(batch("a", 0)), 0);
                h.processElement(in(batch("a", 1)), 1);
                List<AdaptedBatch> out = h.extractOutputValues();
                assertThat(out).hasSize(2);
                if (fn.method() == dev.engram.tta.Method.SOURCE) {
                    assertThat(out.get(0).errors).isEqualTo(out.get(0).sourceErrors);
                    assertThat(out.get(1).errors).isEqualTo(out.get(1).sourceErrors);
                } else {
                    assertThat(out.get(0).stateHash).isNotEqualTo(out.get(1).stateHash);
                }
            }
        }
    }

    /** The record as a source hands it over. */
    private static InputRecord<DigitBatch> in(DigitBatch value) {
        return InputRecord.of(value.streamId, value);
    }
}
