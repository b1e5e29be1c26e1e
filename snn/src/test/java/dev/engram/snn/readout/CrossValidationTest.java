package dev.engram.snn.readout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void foldsAreStratifiedAndBalanced() {
        int[] labels = new int[203];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 100 ? 0 : i < 170 ? 1 : 2;
        int k = 5;
        int[] folds = CrossValidation.stratifiedFolds(labels, k, 42);
        int[][] perFoldClass = new int[k][3];
        int[] sizes = new int[k];
        for (int i = 0; i < labels.length; i++) {
            perFoldClass[folds[i]][labels[i]]++;
            sizes[folds[i]]++;
        }
        for (int f = 0; f < k; f++) {
            assertThat(perFoldClass[f][0]).isEqualTo(20);
            assertThat(perFoldClass[f][1]).isEqualTo(14);
            assertThat(perFoldClass[f][2]).isBetween(6, 7);
        }
        assertThat(java.util.Arrays.stream(sizes).max().getAsInt() - java.util.Arrays.stream(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void foldsAreDeterministicForASeed() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 7;
        assertThat(CrossValidation.stratifiedFolds(labels, 4, 9)).isEqualTo(CrossValidation.stratifiedFolds(labels, 4, 9));
        assertThat(CrossValidation.stratifiedFolds(labels, 4, 9)).isNotEqualTo(CrossValidation.stratifiedFolds(labels, 4, 10));
    }

    @Test
    void crossValidatedAccuracyOfSeparableProblemIsPerfect() {
        ReadoutTest.Blobs b = ReadoutTest.blobs(3, 30, 6, 0.2, 5);
        int[] folds = CrossValidation.stratifiedFolds(b.y(), 3, 1);
        double acc = CrossValidation.accuracy(b.x(), b.y(), folds, 3,
                (x, y) -> RidgeClassifier.fitAuto(x, y, 3, RidgeClassifier.DEFAULT_GRID));
        assertThat(acc).isEqualTo(1.0);
    }
}
