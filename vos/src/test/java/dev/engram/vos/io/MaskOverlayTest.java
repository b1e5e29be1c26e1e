package dev.engram.vos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskOverlayTest {
    private static final int W = 10, H = 10;

    private static Frame grey() {
        byte[] rgb = new byte[W * H * 3];
        Arrays.fill(rgb, (byte) 100);
        return new Frame("s", 0, W, H, rgb);
    }

    private static Mask square() {
        byte[] ids = new byte[W * H];
        for (int y = 2; y < 8; y++) for (int x = 2; x < 8; x++) ids[y * W + x] = 1;
        return new Mask(W, H, ids);
    }

    private static int[] px(byte[] rgb, int x, int y) {
        int o = 3 * (y * W + x);
        return new int[] {rgb[o] & 0xFF, rgb[o + 1] & 0xFF, rgb[o + 2] & 0xFF};
    }

    @Test
    void tintsInteriorDrawsBoundaryAndLeavesBackground() {
        Frame f = grey();
        byte[] out = MaskOverlay.tint(f, square(), 0.5);
        assertThat(px(out, 0, 0)).containsExactly(100, 100, 100);
        assertThat(px(out, 2, 2)).containsExactly(128, 0, 0);
        assertThat(px(out, 7, 5)).containsExactly(128, 0, 0);
        assertThat(px(out, 4, 4)).containsExactly(114, 50, 50);
        assertThat(f.rgb[3 * (4 * W + 4)]).isEqualTo((byte) 100);
    }

    @Test
    void rejectsMismatchedMask() {
        assertThatThrownBy(() -> MaskOverlay.tint(grey(), Mask.empty(5, 5), 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
