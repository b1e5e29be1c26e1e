package dev.engram.vos.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptBySizeTest {

    @Test
    void keptSizesAreReusedAndTheLeastRecentlyUsedIsReleasedBeyondCapacity() {
        List<float[]> released = new ArrayList<>();
        KeptBySize<float[]> kept = new KeptBySize<>(released::add);
        float[][] made = new float[KeptBySize.CAPACITY + 1][];
        for (int n = 1; n <= KeptBySize.CAPACITY; n++) {
            int len = n;
            made[n - 1] = kept.get(a -> a.length == len, () -> new float[len]);
        }
        // Every size kept: asking again gives the same arrays, and touches size 1 (most recent now).
        for (int n = KeptBySize.CAPACITY; n >= 1; n--) {
            int len = n;
            assertThat(kept.get(a -> a.length == len, () -> new float[len])).isSameAs(made[n - 1]);
        }
        assertThat(released).isEmpty();
        int extra = KeptBySize.CAPACITY + 1;
        kept.get(a -> a.length == extra, () -> new float[extra]);
        // The least recently used was size CAPACITY (touched first in the loop above).
        assertThat(released).containsExactly(made[KeptBySize.CAPACITY - 1]);
        assertThat(kept.size()).isEqualTo(KeptBySize.CAPACITY);
        kept.clear();
        assertThat(released).hasSize(KeptBySize.CAPACITY + 1);
        assertThat(kept.size()).isZero();
    }
}
