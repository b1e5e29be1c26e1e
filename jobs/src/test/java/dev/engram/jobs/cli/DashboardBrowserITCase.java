package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.dashboard.HeadlessChromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium}, driven over the DevTools
 * protocol) while {@code engram demo} runs VOS, event and TTA streams: every stream's card appears,
 * its plots gain points, the VOS overlay picture changes, and alerts appear when the test drives the
 * VOS streams over 90 % of a small budget and makes TTA adaptation collapse (TENT at a learning rate
 * of 1, which the guard resets). Screenshots go to {@code target/dashboard-screenshots/}.
 */
class DashboardBrowserITCase {
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final List<String> STREAMS = List.of("cam-0", "cam-1", "events-0", "digits-0", "digits-1");

    @TempDir
    Path tmp;

    @Test
    void cardsPlotsPreviewsAndAlertsAppearWhileADemoRuns() throws Exception {
        assumeTrue(HeadlessChromium.available(), "no Chromium at " + HeadlessChromium.binary()
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs it)");
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        AtomicInteger rc = new AtomicInteger(-1);
        Thread demo = new Thread(() -> rc.set(EngramCli.run(out, "demo", "--streams", "2", "--event-streams", "1",
                "--tta-streams", "2", "--frames", "200", "--fps", "5", "--tta-batches", "70", "--digits-per-second", "128",
                "--width", "160", "--height", "120", "--memory-budget", "1MiB", "--set", "vos.max-objects=2",
                "--tta-method", "tent", "--tta-learning-rate", "1", "--tta-cache", Path.of("target", "tta-cache").toString(),
                "--out", tmp.resolve("out").toString(), "--work-dir", tmp.resolve("work").toString(), "--dashboard", "0",
                "--quiet")), "demo");
        demo.start();
        URI dashboard = address(text, demo);
        Files.createDirectories(SHOTS);
        try (HeadlessChromium browser = HeadlessChromium.launch(tmp.resolve("browser"), 1600, 2200)) {
            browser.navigate(dashboard);
            browser.waitFor(everyCard(), Duration.ofMinutes(5));
            assertThat(browser.evaluate("document.querySelectorAll('.card canvas').length").asInt())
                    .as("a uPlot canvas per chart").isGreaterThanOrEqualTo(2 * STREAMS.size());

            JsonNode before = browser.evaluate(pointCounts());
            browser.waitFor("(() => { const b = " + before + "; return " + STREAMS.stream()
                    .map(s -> "engram.pointCount('" + s + "') > b['" + s + "']").reduce((a, b) -> a + " && " + b).get() + "; })()",
                    Duration.ofSeconds(90));

            String firstPicture = browser.waitFor("(() => { const i = document.querySelector('.card[data-stream=\"cam-0\"] img.preview');"
                    + " return i && !i.hidden && i.complete && i.naturalWidth > 0 ? i.src : null; })()", Duration.ofSeconds(60)).asText();
            browser.waitFor("(() => { const i = document.querySelector('.card[data-stream=\"cam-0\"] img.preview');"
                    + " return i.src !== '" + firstPicture + "' && i.complete && i.naturalWidth > 0 && i.naturalWidth <= 320; })()",
                    Duration.ofSeconds(60));
            assertThat(browser.evaluate("document.querySelector('.card[data-stream=\"digits-0\"] figcaption').textContent").asText())
                    .contains("true ", "adapted ", "source ", "weather ");
            Files.write(SHOTS.resolve("cards.png"), browser.screenshot());

            browser.waitFor("document.querySelector('#alert-list li[data-kind=\"budget\"][data-stream^=\"cam-\"]')"
                    + " && document.querySelector('.card[data-stream^=\"cam-\"] .badge[data-alert=\"budget\"]')", Duration.ofMinutes(3));
            browser.waitFor("document.querySelector('#alert-list li[data-kind=\"reset\"][data-stream^=\"digits-\"]')"
                    + " && document.querySelector('.card[data-stream^=\"digits-\"] .badge[data-alert=\"reset\"]')", Duration.ofMinutes(3));
            assertThat(browser.evaluate("document.querySelector('#alert-list li[data-kind=\"budget\"]').textContent").asText())
                    .matches(".*holds (9[0-9]|100) % of its memory budget.*");
            Files.write(SHOTS.resolve("alerts.png"), browser.screenshot());
            assertThat(browser.errors()).as("errors the page reported (scripts, blocked requests)").isEmpty();
        } finally {
            demo.join(Duration.ofMinutes(5).toMillis());
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(rc.get()).as(text.toString()).isZero();
        assertThat(text.toString()).contains("digits-0", "digits-1", "cam-0", "events-0");
    }

    /** The address the demo printed first. */
    private static URI address(StringWriter text, Thread demo) throws InterruptedException {
        Pattern p = Pattern.compile("dashboard: (http://\\S+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(text.toString());
            if (m.find()) return URI.create(m.group(1));
            if (!demo.isAlive()) break;
            Thread.sleep(100);
        }
        throw new AssertionError("the demo printed no dashboard address:\n" + text);
    }

    private static String everyCard() {
        return STREAMS.stream().map(s -> "document.querySelector('.card[data-stream=\"" + s + "\"]')")
                .reduce((a, b) -> a + " && " + b).get();
    }

    private static String pointCounts() {
        return "({" + STREAMS.stream().map(s -> "'" + s + "': engram.pointCount('" + s + "')").reduce((a, b) -> a + ", " + b).get() + "})";
    }
}
