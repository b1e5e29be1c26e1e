package dev.engram.snn.events;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NmnistFolderTest {

    @Test
    void listsTheThousandAndFiftyLabelledDigits() throws IOException {
        NmnistFolder folder = NmnistFolder.of(SharedData.events("nmnist"));
        assertThat(folder.samples()).hasSize(1050);
        assertThat(folder.split(NmnistFolder.Split.TRAIN)).hasSize(1000);
        assertThat(folder.split(NmnistFolder.Split.TEST)).hasSize(50);
        // SOURCES.md calls these the train label counts, but they add up to 1050: they count train and test.
        Map<Integer, Integer> counts = new TreeMap<>();
        for (NmnistFolder.Sample s : folder.samples()) counts.merge(s.label(), 1, Integer::sum);
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                0, 102, 1, 125, 2, 104, 3, 97, 4, 114, 5, 96, 6, 97, 7, 123, 8, 87, 9, 105)));
    }

    @Test
    void labelsFromFolderNamesAgreeWithLabelsCsv() throws IOException {
        Path root = SharedData.events("nmnist");
        Map<String, Integer> csv = new HashMap<>();
        List<String> lines = Files.readAllLines(root.resolve("labels.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            csv.put(f[0], Integer.parseInt(f[1]));
        }
        NmnistFolder folder = NmnistFolder.of(root);
        for (NmnistFolder.Sample s : folder.samples()) {
            String key = "nmnist/" + root.relativize(s.path()).toString().replace('\\', '/');
            assertThat(csv).as(key).containsEntry(key, s.label());
        }
    }

    @Test
    void everyDigitDecodesOnA34By34SensorWithOrderedTimes() throws IOException {
        NmnistFolder folder = NmnistFolder.of(SharedData.events("nmnist"));
        EventBatch batch = EventBatch.withDefaultCapacity();
        for (NmnistFolder.Sample s : folder.samples()) {
            long events = 0;
            long last = Long.MIN_VALUE;
            boolean on = false;
            boolean off = false;
            try (NmnistDecoder d = s.open()) {
                assertThat(d.width()).isEqualTo(34);
                assertThat(d.height()).isEqualTo(34);
                int n;
                while ((n = d.read(batch)) > 0) {
                    for (int i = 0; i < n; i++) {
                        assertThat(batch.x()[i]).isBetween(0, 33);
                        assertThat(batch.y()[i]).isBetween(0, 33);
                        assertThat(batch.tUs()[i]).isGreaterThanOrEqualTo(last);
                        last = batch.tUs()[i];
                        if (batch.polarity()[i] == 1) on = true;
                        else off = true;
                    }
                    events += n;
                }
                assertThat(d.truncated()).as(s.path().toString()).isFalse();
            }
            assertThat(events).as(s.path().toString()).isBetween(1069L, 7152L);
            assertThat(last).as(s.path().toString()).isBetween(250_000L, 340_000L);
            assertThat(on && off).isTrue();
        }
    }
}
