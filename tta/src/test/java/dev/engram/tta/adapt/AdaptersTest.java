package dev.engram.tta.adapt;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.Adapter;
import dev.engram.tta.AdapterState;
import dev.engram.tta.TorchRuntime;
import dev.engram.tta.data.Corruption;
import dev.engram.tta.data.MnistDigits;
import dev.engram.tta.model.ResNetClassifier;
import dev.engram.tta.model.SourceTrainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adaptation on a small fixed case: a small model trained for a few seconds on 2,000 digits, then a
 * contrast-corrupted batch of 128 test digits seen repeatedly.
 */
class AdaptersTest {
    private static NDManager manager;
    private static ResNetClassifier model;
    private static float[] corrupted;
    private static int[] labels;
    private static final int N = 128;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager();
        MnistDigits train = MnistDigits.read(SharedData.mnist(), "train").head(2000);
        model = SourceTrainer.train(train, new ResNetClassifier.Spec(4, 8, 16, 10),
                new SourceTrainer.Config(2, 64, 3e-3, 0.9, 0, 1, 5L), manager, null);
        MnistDigits test = MnistDigits.read(SharedData.mnist(), "test").head(N);
        corrupted = new float[N * 784];
        labels = test.labels();
        for (int i = 0; i < N; i++) {
            System.arraycopy(Corruption.CONTRAST.apply(test.images()[i], 28, 28, 5, 1L, i), 0, corrupted, i * 784, 784);
        }
    }

    @AfterAll
    static void close() {
        if (manager != null) manager.close();
    }

    private static double error(Adapter.Step s) {
        int wrong = 0;
        for (int i = 0; i < N; i++) if (s.predictions()[i] != labels[i]) wrong++;
        return wrong / (double) N;
    }

    private static EcoTtaAdapter eco() {
        EcoTtaAdapter eco = new EcoTtaAdapter(model, EcoTtaAdapter.Config.defaults());
        try {
            eco.warmUp(MnistDigits.read(SharedData.mnist(), "train").head(2000), 20, 64, 3L, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return eco;
    }

    @Test
    void tentChangesItsParametersAndBeatsSourceOnACorruptedBatch() {
        double source;
        try (SourceOnlyAdapter s = new SourceOnlyAdapter(model)) {
            source = error(s.step(corrupted, N));
        }
        String before = model.fingerprint();
        try (TentAdapter tent = new TentAdapter(model, 1e-3)) {
            float[] p0 = tent.adaptedParameters();
            Adapter.Step last = null;
            for (int i = 0; i < 10; i++) last = tent.step(corrupted, N);
            assertThat(tent.adaptedParameters()).isNotEqualTo(p0);
            assertThat(error(last)).isLessThan(source);
        }
        assertThat(model.fingerprint()).isEqualTo(before);
    }

    @Test
    void ecottaChangesOnlyMetaParametersAndBeatsSource() {
        double source;
        try (SourceOnlyAdapter s = new SourceOnlyAdapter(model)) {
            source = error(s.step(corrupted, N));
        }
        String before = model.fingerprint();
        try (EcoTtaAdapter eco = eco()) {
            float[] p0 = eco.metaParameters();
            Adapter.Step last = null;
            for (int i = 0; i < 10; i++) last = eco.step(corrupted, N);
            assertThat(eco.metaParameters()).isNotEqualTo(p0);
            assertThat(error(last)).isLessThan(source);
            assertThat(eco.trainableParameterCount()).isLessThan(model.parameterCount() / 10);
        }
        assertThat(model.fingerprint()).isEqualTo(before);
    }

    @Test
    void ecottaHoldsAtMostHalfOfTentsActivationMemory() {
        AdaptationMemory tentMem;
        AdaptationMemory ecoMem;
        try (TentAdapter tent = new TentAdapter(model, 1e-3); EcoTtaAdapter eco = new EcoTtaAdapter(model,
                EcoTtaAdapter.Config.defaults())) {
            tentMem = tent.step(corrupted, N).memory();
            ecoMem = eco.step(corrupted, N).memory();
        }
        assertThat(ecoMem.activationBytes()).isPositive();
        assertThat(ecoMem.totalBytes()).isLessThanOrEqualTo(tentMem.totalBytes() / 2);
    }

    @Test
    void sameSeedSameBatchesGiveIdenticalStatesAndRestoreContinuesExactly() throws Exception {
        AdapterState uninterrupted;
        AdapterState snapshot;
        try (EcoTtaAdapter a = eco()) {
            for (int i = 0; i < 3; i++) a.step(corrupted, N);
            snapshot = a.state();
            for (int i = 0; i < 3; i++) a.step(corrupted, N);
            uninterrupted = a.state();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        snapshot.write(new DataOutputStream(bytes));
        AdapterState read = AdapterState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        try (EcoTtaAdapter b = eco()) {
            b.restore(read);
            for (int i = 0; i < 3; i++) b.step(corrupted, N);
            assertThat(b.state()).isEqualTo(uninterrupted);
        }
    }

    @Test
    void guardResetsACollapsedAdapterAndCountsIt() {
        try (TentAdapter tent = new TentAdapter(model, 1e-3)) {
            // A share limit below any real batch's largest class share makes every judged batch a collapse.
            CollapseGuard guard = new CollapseGuard(tent, new CollapseGuard.Config(0.05, 0.0, 0.5, 2), 10);
            float[] p0 = tent.adaptedParameters();
            guard.step(corrupted, N);
            assertThat(guard.step(corrupted, N).reset()).isTrue();
            assertThat(guard.resets()).isEqualTo(1);
            assertThat(tent.adaptedParameters()).containsExactly(p0);
        }
    }

    @Test
    void monitorOnlyGuardNeverResetsButRecordsItsSignals() {
        try (TentAdapter tent = new TentAdapter(model, 1e-3)) {
            CollapseGuard guard = new CollapseGuard(tent, CollapseGuard.Config.monitorOnly(), 10);
            for (int i = 0; i < 12; i++) assertThat(guard.step(corrupted, N).reset()).isFalse();
            assertThat(guard.resets()).isZero();
            assertThat(guard.signals().peakClassShare()).isBetween(0.1, 1.0);
            assertThat(guard.signals().lowestEntropy()).isPositive();
        }
    }
}
