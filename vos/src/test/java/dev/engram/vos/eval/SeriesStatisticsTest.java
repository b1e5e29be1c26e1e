package dev.engram.vos.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeriesStatisticsTest {
    @Test
    void binEdgesFollowRoundedLinspace() {
        // linspace(1, 8, 5) = 1, 2.75, 4.5, 6.25, 8 -> round(+1e-10) = 1, 3, 5, 6, 8 -> minus 1
        assertThat(SeriesStatistics.binEdges(8)).containsExactly(0, 2, 4, 5, 7);
        // linspace(1, 10, 5) = 1, 3.25, 5.5, 7.75, 10 -> 1, 3, 6, 8, 10
        assertThat(SeriesStatistics.binEdges(10)).containsExactly(0, 2, 5, 7, 9);
        assertThat(SeriesStatistics.binEdges(1)).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void meanRecallAndDecayOfMadeUpSeries() {
        double[] v = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
        SeriesStatistics s = SeriesStatistics.of(v);
        assertThat(s.mean()).isCloseTo(0.55, within(1e-12));
        // strictly above 0.5: 0.9, 0.8, 0.7, 0.6
        assertThat(s.recall()).isCloseTo(0.5, within(1e-12));
        // first bin v[0..2] mean 0.8, last bin v[5..7] mean 0.3
        assertThat(s.decay()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void nanValuesAreIgnoredInMeansButCountAsMissesInRecall() {
        double[] v = {1, Double.NaN, 1, 1};
        SeriesStatistics s = SeriesStatistics.of(v);
        assertThat(s.mean()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(0.75);
    }

    @Test
    void emptySeriesIsNaN() {
        SeriesStatistics s = SeriesStatistics.of(new double[0]);
        assertThat(s.mean()).isNaN();
        assertThat(s.decay()).isNaN();
    }
}
