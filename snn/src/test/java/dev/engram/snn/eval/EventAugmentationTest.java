package dev.engram.snn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventAugmentationTest {

    static EventBatch square() {
        EventBatch b = new EventBatch(64);
        for (int y = 10; y < 14; y++) for (int x = 10; x < 14; x++) b.add(x, y, (x + y) % 2 == 0, 100L * (y * 34 + x));
        return b;
    }

    static long[] keys(EventBatch b) {
        long[] k = new long[b.size()];
        for (int i = 0; i < b.size(); i++) k[i] = b.tUs()[i] << 20 | (long) b.x()[i] << 10 | b.y()[i] << 1 | b.polarity()[i];
        return k;
    }

    @Test
    void aShiftMovesEveryEventByTheSameNonZeroOffset() {
        EventAugmentation a = new EventAugmentation(AugmentOptions.defaults().with(AugmentOptions.COPIES, 3).with(AugmentOptions.SHIFT_PX, 3));
        EventBatch in = square();
        for (int copy = 0; copy < 3; copy++) {
            EventBatch out = a.apply(in, 5, copy, 34, 34);
            assertThat(out.size()).isEqualTo(in.size());
            int dx = out.x()[0] - in.x()[0], dy = out.y()[0] - in.y()[0];
            assertThat(Math.abs(dx) + Math.abs(dy)).isPositive();
            assertThat(Math.max(Math.abs(dx), Math.abs(dy))).isLessThanOrEqualTo(3);
            for (int i = 0; i < in.size(); i++) {
                assertThat(out.x()[i] - in.x()[i]).isEqualTo(dx);
                assertThat(out.y()[i] - in.y()[i]).isEqualTo(dy);
                assertThat(out.polarity()[i]).isEqualTo(in.polarity()[i]);
                assertThat(out.tUs()[i]).isEqualTo(in.tUs()[i]);
            }
        }
    }

    @Test
    void copiesAreReproducibleAndDifferBetweenCopiesAndSamples() {
        OptionSet o = AugmentOptions.defaults().with(AugmentOptions.COPIES, 2).with(AugmentOptions.ROTATE_DEG, 10.0)
                .with(AugmentOptions.SCALE, 0.1).with(AugmentOptions.TIME_JITTER_US, 500L).with(AugmentOptions.DROP, 0.1);
        EventBatch in = square();
        long[] a = keys(new EventAugmentation(o).apply(in, 1, 0, 34, 34));
        assertThat(keys(new EventAugmentation(o).apply(in, 1, 0, 34, 34))).isEqualTo(a);
        assertThat(keys(new EventAugmentation(o).apply(in, 1, 1, 34, 34))).isNotEqualTo(a);
        assertThat(keys(new EventAugmentation(o).apply(in, 2, 0, 34, 34))).isNotEqualTo(a);
    }

    @Test
    void jitteredEventsStayInTimeOrderAndOnTheSensor() {
        OptionSet o = AugmentOptions.defaults().with(AugmentOptions.COPIES, 1).with(AugmentOptions.SHIFT_PX, 3)
                .with(AugmentOptions.TIME_JITTER_US, 5000L).with(AugmentOptions.ROTATE_DEG, 20.0);
        EventBatch edge = new EventBatch(64);
        for (int y = 0; y < 34; y++) edge.add(0, y, true, y * 10L);
        for (int copy = 0; copy < 20; copy++) {
            EventBatch out = new EventAugmentation(o).apply(edge, 0, copy, 34, 34);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.x()[i]).isBetween(0, 33);
                assertThat(out.y()[i]).isBetween(0, 33);
                if (i > 0) assertThat(out.tUs()[i]).isGreaterThanOrEqualTo(out.tUs()[i - 1]);
            }
        }
    }

    @Test
    void audioIsShiftedAlongItsChannelsOnly() {
        EventBatch tone = new EventBatch(16);
        for (int i = 0; i < 8; i++) tone.add(30, 0, true, i);
        EventBatch out = new EventAugmentation(AugmentOptions.defaults().with(AugmentOptions.COPIES, 1)).apply(tone, 0, 0, 64, 1);
        assertThat(out.y()).containsOnly(0);
        assertThat(Arrays.copyOf(out.x(), out.size())).doesNotContain(30);
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> new EventAugmentation(AugmentOptions.defaults().with(AugmentOptions.DROP, 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
