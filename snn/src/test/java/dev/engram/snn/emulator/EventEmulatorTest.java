package dev.engram.snn.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.OptionSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventEmulatorTest {

    record Ev(int x, int y, boolean on, long t) {}

    private static OptionSet exact(double threshold) {
        return EmulatorOptions.defaults()
                .with(EmulatorOptions.THRESHOLD_ON, threshold)
                .with(EmulatorOptions.THRESHOLD_OFF, threshold)
                .with(EmulatorOptions.THRESHOLD_SIGMA, 0.0);
    }

    private static byte[] uniform(int w, int h, int value) {
        byte[] f = new byte[w * h];
        java.util.Arrays.fill(f, (byte) value);
        return f;
    }

    @Test
    void brighteningPixelGivesOnEventsPerThreshold() {
        EventEmulator em = new EventEmulator(1, 1, exact(0.2));
        List<Ev> out = new ArrayList<>();
        em.accept(uniform(1, 1, 50), 1, 0, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        em.accept(uniform(1, 1, 200), 1, 10_000, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        int expected = (int) Math.floor(Math.log(200.0 / 50.0) / 0.2);
        assertThat(expected).isEqualTo(6);
        assertThat(out).hasSize(expected).allMatch(Ev::on);
        // Crossings are spread over the interval where the log intensity passes each level.
        for (int k = 0; k < expected; k++) {
            double f = (k + 1) * 0.2 / Math.log(4.0);
            assertThat(out.get(k).t()).isBetween((long) (f * 10_000) - 2, (long) (f * 10_000) + 2);
        }
    }

    @Test
    void darkeningPixelGivesOffEvents() {
        EventEmulator em = new EventEmulator(2, 1, exact(0.25));
        List<Ev> out = new ArrayList<>();
        em.accept(uniform(2, 1, 240), 1, 0, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        em.accept(uniform(2, 1, 60), 1, 1000, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        int perPixel = (int) Math.floor(Math.log(4.0) / 0.25);
        assertThat(out).hasSize(2 * perPixel).noneMatch(Ev::on);
    }

    @Test
    void staticSceneWithoutNoiseIsSilent() {
        EventEmulator em = new EventEmulator(16, 8, EmulatorOptions.defaults());
        byte[] frame = new byte[16 * 8];
        for (int i = 0; i < frame.length; i++) frame[i] = (byte) (i * 2);
        int total = 0;
        for (int k = 0; k < 50; k++) total += em.accept(frame, 1, k * 1000L, (x, y, on, t) -> { });
        assertThat(total).isZero();
    }

    @Test
    void refractoryPeriodSuppressesEventsOfTheSamePixel() {
        List<Ev> free = new ArrayList<>();
        List<Ev> refractory = new ArrayList<>();
        EventEmulator a = new EventEmulator(1, 1, exact(0.1));
        EventEmulator b = new EventEmulator(1, 1, exact(0.1).with(EmulatorOptions.REFRACTORY_US, 3000L));
        a.accept(uniform(1, 1, 30), 1, 0, (x, y, on, t) -> free.add(new Ev(x, y, on, t)));
        b.accept(uniform(1, 1, 30), 1, 0, (x, y, on, t) -> refractory.add(new Ev(x, y, on, t)));
        a.accept(uniform(1, 1, 250), 1, 10_000, (x, y, on, t) -> free.add(new Ev(x, y, on, t)));
        b.accept(uniform(1, 1, 250), 1, 10_000, (x, y, on, t) -> refractory.add(new Ev(x, y, on, t)));
        assertThat(free).hasSize(21);
        assertThat(refractory).hasSizeLessThan(free.size()).hasSizeGreaterThan(0);
        for (int k = 1; k < refractory.size(); k++) {
            assertThat(refractory.get(k).t() - refractory.get(k - 1).t()).isGreaterThanOrEqualTo(3000);
        }
    }

    @Test
    void eventsOfAnIntervalAreTimeOrdered() {
        EventEmulator em = new EventEmulator(8, 8, EmulatorOptions.defaults());
        byte[] f0 = new byte[64];
        byte[] f1 = new byte[64];
        for (int i = 0; i < 64; i++) {
            f0[i] = (byte) (20 + i);
            f1[i] = (byte) (250 - 3 * i);
        }
        List<Ev> out = new ArrayList<>();
        em.accept(f0, 1, 100, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        em.accept(f1, 1, 5100, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        assertThat(out).isNotEmpty();
        for (int k = 1; k < out.size(); k++) assertThat(out.get(k).t()).isGreaterThanOrEqualTo(out.get(k - 1).t());
        assertThat(out).allMatch(e -> e.t() > 100 && e.t() <= 5100);
    }

    @Test
    void shotNoiseIsSeededAndRoughlyAtItsRate() {
        OptionSet o = EmulatorOptions.defaults().with(EmulatorOptions.SHOT_NOISE_HZ, 5.0);
        List<Ev> a = new ArrayList<>();
        List<Ev> b = new ArrayList<>();
        EventEmulator ea = new EventEmulator(32, 32, o);
        EventEmulator eb = new EventEmulator(32, 32, o);
        byte[] frame = uniform(32, 32, 100);
        for (int k = 0; k <= 100; k++) {
            ea.accept(frame, 1, k * 10_000L, (x, y, on, t) -> a.add(new Ev(x, y, on, t)));
            eb.accept(frame, 1, k * 10_000L, (x, y, on, t) -> b.add(new Ev(x, y, on, t)));
        }
        assertThat(a).isEqualTo(b);
        // 1024 pixels x 5 Hz x 1 s = 5120 expected.
        assertThat(a.size()).isBetween(4700, 5500);
    }

    @Test
    void rgbFramesUseLuma() {
        EventEmulator em = new EventEmulator(1, 1, exact(0.2));
        List<Ev> out = new ArrayList<>();
        em.accept(new byte[] {50, 50, 50}, 3, 0, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        em.accept(new byte[] {(byte) 200, (byte) 200, (byte) 200}, 3, 1000, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        assertThat(out).hasSize(6);
    }

    @Test
    void refusesFramesOutOfOrder() {
        EventEmulator em = new EventEmulator(2, 2, EmulatorOptions.defaults());
        em.accept(new byte[4], 1, 1000, (x, y, on, t) -> { });
        assertThatThrownBy(() -> em.accept(new byte[4], 1, 1000, (x, y, on, t) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
