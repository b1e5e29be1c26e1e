package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongStreamFiguresTest {
    /** A stream whose frames cost 10 ms, then 13 ms from frame 1,500 on: the ratio says 1.3, the curve says where. */
    @Test
    void cpuCurveShowsWhereTheTimePerFrameMoved() {
        List<FrameScore> scores = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            FrameScore s = new FrameScore();
            s.index = i;
            s.processingNanos = s.processingCpuNanos = (i < 1500 ? 10 : 13) * 1_000_000L;
            s.j = s.f = 0.5;
            s.heapAfterGcBytes = 1;
            scores.add(s);
        }
        LongStreamFigures x = LongStreamFigures.of(scores, 30, 3000);
        assertThat(x.cpuTimeRatio()).isEqualTo(1.3);
        assertThat(x.cpuCurve()).hasNumberOfRows(10);
        assertThat(x.cpuCurve()[0]).containsExactly(299, 10_000_000);
        assertThat(x.cpuCurve()[4]).containsExactly(1499, 10_000_000);
        assertThat(x.cpuCurve()[5]).containsExactly(1799, 13_000_000);
        assertThat(x.cpuCurve()[9]).containsExactly(2999, 13_000_000);
    }
}
