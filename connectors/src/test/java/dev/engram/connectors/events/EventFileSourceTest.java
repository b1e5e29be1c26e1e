package dev.engram.connectors.events;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.operators.events.EventChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileSourceTest {
    @TempDir
    Path tmp;

    static Path events() {
        return SharedData.events("nmnist/Test").getParent().getParent();
    }

    /** N-MNIST events: x, y, polarity bit + 23-bit time, 5 bytes each. */
    static byte[] nmnist(int n) {
        byte[] b = new byte[5 * n];
        for (int i = 0; i < n; i++) {
            int t = 100 * i;
            b[5 * i] = (byte) (i % 34);
            b[5 * i + 1] = (byte) ((i / 34) % 34);
            b[5 * i + 2] = (byte) (((i & 1) << 7) | ((t >> 16) & 0x7F));
            b[5 * i + 3] = (byte) (t >> 8);
            b[5 * i + 4] = (byte) t;
        }
        return b;
    }

    private static List<EventChunk> readAll(EventFileSource s) throws Exception {
        List<EventChunk> out = new ArrayList<>();
        s.open(null);
        for (long i = 0; i < s.chunks(); i++) out.add(s.map(i));
        s.close();
        return out;
    }

    @Test
    void labelledFolderGivesLabelsStreamsAndATruncatedFileItsOffset() throws Exception {
        Files.createDirectories(tmp.resolve("3"));
        Files.createDirectories(tmp.resolve("7"));
        Files.write(tmp.resolve("3/1.bin"), nmnist(100));
        byte[] cut = nmnist(50);
        Files.write(tmp.resolve("7/2.bin"), java.util.Arrays.copyOf(cut, cut.length - 2));
        Files.writeString(tmp.resolve("notes.md"), "not events");

        EventFileSource s = EventFileSource.plan(tmp, "auto", 32);
        assertThat(s.files()).extracting(PlannedFile::streamId).containsExactly("3/1", "7/2");
        List<EventChunk> chunks = readAll(s);
        assertThat(chunks.stream().filter(c -> c.streamId.equals("3/1")).mapToInt(EventChunk::size).sum()).isEqualTo(100);
        assertThat(chunks.stream().filter(c -> c.streamId.equals("7/2")).mapToInt(EventChunk::size).sum()).isEqualTo(49);
        EventChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.endOfFile).isTrue();
        assertThat(last.label).isEqualTo(7);
        assertThat(last.problem).contains("truncated");
        assertThat(last.problemOffset).isEqualTo(245);
        assertThat(chunks.stream().filter(c -> c.problem != null)).hasSize(1);
        assertThat(chunks.get(0).width).isEqualTo(34);
    }

    @Test
    void readingFromAnyIndexAfterARestoreGivesTheSameChunks() throws Exception {
        Files.write(tmp.resolve("a.bin"), nmnist(300));
        Files.write(tmp.resolve("b.bin"), nmnist(170));
        EventFileSource s = EventFileSource.plan(tmp, "nmnist", 64);
        List<EventChunk> straight = readAll(s);
        assertThat(straight).hasSize(5 + 3);
        for (long from : new long[] {0, 3, 5, 7}) {
            EventFileSource restored = EventFileSource.plan(tmp, "nmnist", 64);
            restored.open(null);
            for (long i = from; i < restored.chunks(); i++) assertThat(restored.map(i)).isEqualTo(straight.get((int) i));
            restored.close();
        }
    }

    @Test
    void unreadableFileIsOneEmptyChunkCarryingTheProblem() throws Exception {
        Path f = tmp.resolve("mystery.raw");
        Files.writeString(f, "% no encoding line\n");
        EventFileSource s = EventFileSource.plan(f, "auto", 64);
        List<EventChunk> chunks = readAll(s);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).size()).isZero();
        assertThat(chunks.get(0).endOfFile).isTrue();
        assertThat(chunks.get(0).problem).contains("mystery.raw");
    }

    @Test
    void missingInputAndUnknownFormatAreRefusedWhenPlanned() {
        assertThatThrownBy(() -> EventFileSource.plan(tmp.resolve("nope"), "auto", 64)).hasMessageContaining("nope");
        assertThatThrownBy(() -> EventFileSource.plan(tmp, "mp4", 64)).hasMessageContaining("mp4");
        assertThatThrownBy(() -> EventFileSource.plan(tmp, "auto", 64)).hasMessageContaining("no event recordings");
    }

    @Test
    void sharedEvt2RecordingDecodesToItsCountInChunks() throws Exception {
        Path evt2 = events().resolve("prophesee/evt2/sparklers_gen3_640x480.raw");
        EventFileSource s = EventFileSource.plan(evt2, "auto", 1 << 16);
        assertThat(s.events()).isEqualTo(521_252);
        List<EventChunk> chunks = readAll(s);
        assertThat(chunks.stream().mapToLong(EventChunk::size).sum()).isEqualTo(521_252);
        assertThat(chunks.get(0).width).isEqualTo(640);
        assertThat(chunks.get(0).height).isEqualTo(480);
    }

}
