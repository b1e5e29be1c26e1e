package dev.engram.snn.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.OptionSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CochleaTest {
    static final int RATE = 8000;

    record Ev(int x, int y, boolean on, long t) {}

    static List<Ev> run(Cochlea c, float[] s) {
        List<Ev> out = new ArrayList<>();
        c.accept(s, 0, s.length, (x, y, on, t) -> out.add(new Ev(x, y, on, t)));
        return out;
    }

    static int[] perChannel(List<Ev> events, int channels) {
        int[] n = new int[channels];
        for (Ev e : events) n[e.x()]++;
        return n;
    }

    @Test
    void pureToneExcitesTheChannelsAroundItsFrequency() {
        for (double hz : new double[] {300, 1000, 2500}) {
            Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
            int[] n = perChannel(run(c, Tones.tone(hz, 0.3, 0.4, 0.05, RATE)), c.channels());
            int peak = 0;
            for (int k = 1; k < n.length; k++) if (n[k] > n[peak]) peak = k;
            assertThat(c.centreHz(peak)).as("busiest channel for %s Hz", hz).isBetween(hz / 1.15, hz * 1.15);
            for (int k = 0; k < n.length; k++) {
                double octaves = Math.abs(Math.log(c.centreHz(k) / hz) / Math.log(2));
                // Log compression makes the count fall slowly with the filter's attenuation, but it falls.
                if (octaves > 1) assertThat((double) n[k]).as("channel at %.0f Hz for a %s Hz tone", c.centreHz(k), hz).isLessThan(0.6 * n[peak]);
                if (octaves > 2) assertThat(n[k]).as("channel at %.0f Hz for a %s Hz tone", c.centreHz(k), hz).isLessThanOrEqualTo(n[peak] / 4);
            }
        }
    }

    @Test
    void silenceEmitsNothing() {
        Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
        assertThat(run(c, new float[3 * RATE])).isEmpty();
        assertThat(c.samples()).isEqualTo(3L * RATE);
    }

    @Test
    void soundBelowTheFloorEmitsNothing() {
        Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
        assertThat(run(c, Tones.tone(1000, 1e-5, 1.0, 0, RATE))).isEmpty();
    }

    @Test
    void louderMeansMoreEvents() {
        int previous = 0;
        for (double amplitude : new double[] {0.003, 0.03, 0.3}) {
            Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
            int n = run(c, Tones.tone(700, amplitude, 0.3, 0.05, RATE)).size();
            assertThat(n).as("events at amplitude %s", amplitude).isGreaterThan(previous);
            previous = n;
        }
    }

    @Test
    void toneOnsetGivesOnEventsAndItsEndOffEvents() {
        Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
        float[] s = Tones.tone(1000, 0.3, 0.2, 0.05, RATE);
        float[] withTail = java.util.Arrays.copyOf(s, s.length + RATE / 5);
        List<Ev> events = run(c, withTail);
        long endUs = (long) ((0.05 + 0.2) * 1e6);
        assertThat(events.stream().filter(e -> e.t() < endUs).filter(Ev::on).count())
                .isGreaterThan(events.stream().filter(e -> e.t() < endUs).filter(e -> !e.on()).count());
        assertThat(events.stream().filter(e -> e.t() >= endUs)).isNotEmpty().allMatch(e -> !e.on());
        assertThat(events).allMatch(e -> e.t() >= 50_000 && e.y() == 0);
    }

    @Test
    void eventsAreTimeOrderedAndRespectTheRefractoryPeriod() {
        OptionSet o = CochleaOptions.defaults().with(CochleaOptions.REFRACTORY_US, 5000L).with(CochleaOptions.THRESHOLD, 0.05);
        Cochlea c = new Cochlea(RATE, o);
        List<Ev> events = run(c, Tones.tone(500, 0.5, 0.3, 0.01, RATE));
        long[] last = new long[c.channels()];
        java.util.Arrays.fill(last, Long.MIN_VALUE / 2);
        for (int i = 0; i < events.size(); i++) {
            Ev e = events.get(i);
            if (i > 0) assertThat(e.t()).isGreaterThanOrEqualTo(events.get(i - 1).t());
            assertThat(e.t() - last[e.x()]).isGreaterThanOrEqualTo(5000);
            last[e.x()] = e.t();
        }
    }

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() {
        float[] s = Tones.tone(900, 0.2, 0.3, 0.02, RATE);
        for (int k = 0; k < s.length; k++) s[k] += (float) (0.05 * Math.sin(k * 0.37) * Math.sin(k * 0.011));
        List<Ev> a = run(new Cochlea(RATE, CochleaOptions.defaults()), s);
        List<Ev> b = run(new Cochlea(RATE, CochleaOptions.defaults()), s);
        List<Ev> other = run(new Cochlea(RATE, CochleaOptions.defaults().with(CochleaOptions.SEED, 7L)), s);
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void streamingInPiecesGivesTheSameEventsAsAtOnce() {
        float[] s = Tones.tone(1200, 0.2, 0.5, 0.02, RATE);
        List<Ev> whole = run(new Cochlea(RATE, CochleaOptions.defaults()), s);
        Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
        List<Ev> pieces = new ArrayList<>();
        for (int from = 0; from < s.length; from += 77) {
            c.accept(s, from, Math.min(s.length, from + 77), (x, y, on, t) -> pieces.add(new Ev(x, y, on, t)));
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void memoryIsFixedHoweverLongTheStream() {
        Cochlea c = new Cochlea(RATE, CochleaOptions.defaults());
        long before = c.bytes();
        float[] s = Tones.tone(440, 0.3, 1.0, 0, RATE);
        for (int k = 0; k < 60; k++) c.accept(s, 0, s.length, (x, y, on, t) -> { });
        assertThat(c.bytes()).isEqualTo(before).isLessThan(10_000);
        assertThat(c.timeUs()).isEqualTo(60_000_000L);
    }

    @Test
    void centreFrequenciesRiseEvenlyOnTheChosenScale() {
        for (String scale : new String[] {"erb", "mel"}) {
            Cochlea c = new Cochlea(16000, CochleaOptions.defaults().with(CochleaOptions.SCALE, scale));
            assertThat(c.centreHz(0)).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(c.centreHz(c.channels() - 1)).isCloseTo(7200, org.assertj.core.data.Offset.offset(1e-6));
            for (int k = 1; k < c.channels(); k++) assertThat(c.centreHz(k)).isGreaterThan(c.centreHz(k - 1));
        }
    }

    @Test
    void refusesFilterBanksThatCannotExist() {
        assertThatThrownBy(() -> new Cochlea(RATE, CochleaOptions.defaults().with(CochleaOptions.F_MIN_HZ, 5000.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cochlea.f-min-hz");
        assertThatThrownBy(() -> new Cochlea(RATE, CochleaOptions.defaults().with(CochleaOptions.SCALE, "bark")))
                .hasMessageContaining("erb or mel");
        assertThatThrownBy(() -> new Cochlea(100, CochleaOptions.defaults())).hasMessageContaining("sample rate");
    }
}
