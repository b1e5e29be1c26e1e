package dev.engram.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.operators.metrics.EngramMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's one table of metrics is the list the code declares ({@link EngramMetrics}), row for row. */
class MetricsDocumentationTest {
    private static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");

    /** The README row of a metric. */
    static String row(EngramMetrics.Metric m) {
        return "| `" + m.name() + "` | " + m.kind().name().toLowerCase(Locale.ROOT) + " | "
                + (m.labels().isEmpty() ? "–" : m.labels()) + " | " + m.unit() + " | " + m.meaning() + " |";
    }

    @Test
    void theReadmeTableListsEveryMetricWithItsKindLabelsUnitAndMeaning() throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(README)) if (line.startsWith("| `")) rows.add(line.trim());
        List<String> expected = EngramMetrics.all().stream().map(MetricsDocumentationTest::row).toList();
        List<String> metricRows = rows.stream().filter(r -> EngramMetrics.named(r.substring(3, r.indexOf('`', 3))) != null).toList();
        assertThat(metricRows).as("README metric table; expected rows:\n" + String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }
}
