package dev.engram.tta.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.Method;
import org.junit.jupiter.api.Test;

/** The guard's judgement on scripted steps: no model needed. */
class CollapseGuardTest {
    /** An adapter whose steps predict given classes at a given entropy, counting its resets. */
    private static final class Scripted implements Adapter {
        int[] predictions = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double entropy = 1.0;
        int resets;

        @Override
        public Method method() {
            return Method.TENT;
        }

        @Override
        public Step step(float[] pixels, int count) {
            return new Step(predictions.clone(), entropy, 0.1, AdaptationMemory.NONE, false);
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public AdapterState state() {
            return new AdapterState();
        }

        @Override
        public void restore(AdapterState state) {}

        @Override
        public long trainableParameterCount() {
            return 0;
        }

        @Override
        public void close() {}
    }

    @Test
    void aDivergedStepIsResetAtOnceWithoutCountingAsACollapse() {
        Scripted inner = new Scripted();
        CollapseGuard guard = new CollapseGuard(inner, CollapseGuard.Config.defaults(), 10);
        guard.step(new float[0], 10);
        inner.entropy = Double.NaN;
        Adapter.Step s = guard.step(new float[0], 10);
        assertThat(s.reset()).isTrue();
        assertThat(inner.resets).isEqualTo(1);
        assertThat(guard.resets()).isEqualTo(1);
        assertThat(guard.collapses()).isZero();
    }

    @Test
    void predictionsPiledOnOneClassAreACollapseAfterTheGracePeriod() {
        Scripted inner = new Scripted();
        inner.predictions = new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        CollapseGuard guard = new CollapseGuard(inner, CollapseGuard.Config.defaults(), 10);
        int steps = 0;
        while (guard.collapses() == 0 && steps < 10) {
            guard.step(new float[0], 10);
            steps++;
        }
        assertThat(steps).isEqualTo(CollapseGuard.Config.defaults().warmupBatches());
        assertThat(guard.resets()).isEqualTo(1);
        assertThat(inner.resets).isEqualTo(1);
    }

    @Test
    void collapsesSurviveStateAndOldStatesCountEveryResetAsACollapse() {
        Scripted inner = new Scripted();
        inner.predictions = new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        CollapseGuard guard = new CollapseGuard(inner, CollapseGuard.Config.defaults(), 10);
        for (int i = 0; i < 3; i++) guard.step(new float[0], 10);
        AdapterState s = guard.state();
        CollapseGuard restored = new CollapseGuard(new Scripted(), CollapseGuard.Config.defaults(), 10);
        restored.restore(s);
        assertThat(restored.collapses()).isEqualTo(1);
        AdapterState old = new AdapterState();
        s.arrays().forEach(old::putArray);
        for (int c = 0; c < 10; c++) old.putCounter("guard.share." + c, s.counter("guard.share." + c));
        for (String k : new String[] {"guard.entropy", "guard.maxShare", "guard.batches"}) old.putCounter(k, s.counter(k));
        old.putCounter("guard.resets", 4);
        restored.restore(old);
        assertThat(restored.resets()).isEqualTo(4);
        assertThat(restored.collapses()).isEqualTo(4);
    }
}
