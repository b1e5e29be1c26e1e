package dev.engram.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRateTest {
    private long now = 1_000_000;

    @Test
    void rateIsTheEventsOfTheLastWholeSecondsOverTheWindow() {
        RecentRate r = new RecentRate(() -> now);
        r.markEvent(10);
        now += 1000;
        r.markEvent(20);
        // The unfinished current second does not count yet.
        assertThat(r.getRate()).isEqualTo(10.0 / RecentRate.WINDOW_SECONDS);
        now += 1000;
        assertThat(r.getRate()).isEqualTo(30.0 / RecentRate.WINDOW_SECONDS);
        assertThat(r.getCount()).isEqualTo(30);
    }

    @Test
    void eventsOlderThanTheWindowLeaveTheRate() {
        RecentRate r = new RecentRate(() -> now);
        r.markEvent(50);
        now += 1000L * (RecentRate.WINDOW_SECONDS + 1);
        assertThat(r.getRate()).isZero();
        r.markEvent(5);
        now += 1000;
        assertThat(r.getRate()).isEqualTo(5.0 / RecentRate.WINDOW_SECONDS);
        assertThat(r.getCount()).isEqualTo(55);
    }
}
