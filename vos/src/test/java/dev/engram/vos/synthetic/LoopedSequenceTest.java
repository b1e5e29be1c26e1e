package dev.engram.vos.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopedSequenceTest {
    private static LoopedSequence looped(int n) {
        List<Frame> frames = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[4 * 2 * 3];
            rgb[0] = (byte) i;
            frames.add(new Frame("src", i, 4, 2, rgb).withOrigin("f" + i));
            byte[] ids = new byte[8];
            ids[1] = (byte) (i + 1);
            masks.add(new Mask(4, 2, ids));
        }
        return new LoopedSequence("loop", frames, masks, 40);
    }

    @Test
    void playsForwardThenBackward() {
        LoopedSequence s = looped(4);
        int[] expected = {0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2};
        for (int i = 0; i < expected.length; i++) assertThat(s.sourceIndex(i)).as("index %d", i).isEqualTo(expected[i]);
        assertThat(looped(2).sourceIndex(5)).isEqualTo(1);
        assertThat(looped(1).sourceIndex(99)).isZero();
    }

    @Test
    void mappingIsPeriodicAndMovesOneFrameAtATime() {
        for (int n = 2; n <= 9; n++) {
            LoopedSequence s = looped(n);
            for (long i = 0; i < 5L * n; i++) {
                assertThat(s.sourceIndex(i + 2L * n - 2)).isEqualTo(s.sourceIndex(i));
                assertThat(Math.abs(s.sourceIndex(i + 1) - s.sourceIndex(i))).isEqualTo(1);
            }
            long big = 10_000_000_000L;
            assertThat(s.sourceIndex(big)).isBetween(0, n - 1);
        }
    }

    @Test
    void framesCarryStreamIndexTimeAndMatchingGroundTruth() {
        LoopedSequence s = looped(4);
        Frame f = s.frame(5);
        assertThat(f.index).isEqualTo(5);
        assertThat(f.streamId).isEqualTo("loop");
        assertThat(f.timestampMs).isEqualTo(200);
        assertThat(f.rgb[0]).isEqualTo((byte) 1);
        assertThat(f.annotation).isNull();
        assertThat(f.origin).contains("f1").contains("source frame 1");
        assertThat(s.groundTruth(5).ids[1]).isEqualTo((byte) 2);
        assertThat(s.frame(0).annotation).isEqualTo(s.groundTruth(0));
        assertThat(s.frame(6).annotation).isNull();
    }

    @Test
    void returnedFramesAreCopies() {
        LoopedSequence s = looped(3);
        s.frame(1).rgb[0] = 99;
        s.groundTruth(1).ids[1] = 99;
        assertThat(s.frame(1).rgb[0]).isEqualTo((byte) 1);
        assertThat(s.groundTruth(1).ids[1]).isEqualTo((byte) 2);
    }

    @Test
    void rejectsMissingOrMisSizedGroundTruth() {
        Frame f = new Frame("s", 0, 4, 2, new byte[24]);
        assertThatThrownBy(() -> new LoopedSequence("l", List.of(f), List.of(Mask.empty(3, 2)), 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x2");
        assertThatThrownBy(() -> new LoopedSequence("l", List.of(f), List.of(), 40))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> looped(3).sourceIndex(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
