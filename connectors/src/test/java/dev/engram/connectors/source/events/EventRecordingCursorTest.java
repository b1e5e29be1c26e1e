package dev.engram.connectors.source.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import dev.engram.testdata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRecordingCursorTest {
    @TempDir
    Path tmp;

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

    private static List<InputRecord<EventChunk>> readAll(StreamSplit split) throws Exception {
        List<InputRecord<EventChunk>> out = new ArrayList<>();
        try (SplitCursor<EventChunk> c = new EventFormatReader().open(split)) {
            for (InputRecord<EventChunk> r; (r = c.next()) != null; ) out.add(r);
        }
        return out;
    }

    private static List<InputRecord<EventChunk>> readAll(List<StreamSplit> splits) throws Exception {
        List<InputRecord<EventChunk>> out = new ArrayList<>();
        for (StreamSplit s : splits) out.addAll(readAll(s));
        return out;
    }

    @Test
    void labelledFolderGivesLabelsStreamsAndATruncatedFileADeadLetterWithOffsetAndBytes() throws Exception {
        Files.createDirectories(tmp.resolve("3"));
        Files.createDirectories(tmp.resolve("7"));
        Files.write(tmp.resolve("3/1.bin"), nmnist(100));
        byte[] cut = nmnist(50);
        Files.write(tmp.resolve("7/2.bin"), java.util.Arrays.copyOf(cut, cut.length - 2));
        Files.writeString(tmp.resolve("notes.md"), "not events");

        List<StreamSplit> splits = EventDiscovery.files(tmp, "auto", 32).discover(Set.of());
        assertThat(splits).extracting(StreamSplit::streamId).containsExactly("3/1", "7/2");
        assertThat(splits).extracting(StreamSplit::label).containsExactly(3, 7);
        List<InputRecord<EventChunk>> records = readAll(splits);
        List<EventChunk> chunks = records.stream().filter(r -> r.value != null).map(r -> r.value).toList();
        assertThat(chunks.stream().filter(c -> c.streamId.equals("3/1")).mapToInt(EventChunk::size).sum()).isEqualTo(100);
        assertThat(chunks.stream().filter(c -> c.streamId.equals("7/2")).mapToInt(EventChunk::size).sum()).isEqualTo(49);
        EventChunk problem = chunks.get(chunks.size() - 1);
        assertThat(problem.endOfFile).isTrue();
        assertThat(problem.size()).isZero();
        assertThat(problem.label).isEqualTo(7);
        assertThat(problem.problem).contains("truncated");
        assertThat(chunks.stream().filter(c -> c.problem != null)).hasSize(1);
        assertThat(chunks.get(0).width).isEqualTo(34);

        InputRecord<EventChunk> letter = records.get(records.size() - 1);
        assertThat(letter.deadLetter).isNotNull();
        assertThat(letter.deadLetter.streamId).isEqualTo("7/2");
        assertThat(letter.deadLetter.byteOffset).isEqualTo(245);
        assertThat(letter.deadLetter.bytes).containsExactly(cut[245], cut[246], cut[247]);
        assertThat(letter.deadLetter.reason).contains("2.bin").contains("245");
    }

    @Test
    void aCursorOpenedAtAnyPositionGivesTheSameRecordsAsReadingStraight() throws Exception {
        Files.write(tmp.resolve("a.bin"), nmnist(300));
        byte[] cut = nmnist(170);
        Files.write(tmp.resolve("b.bin"), java.util.Arrays.copyOf(cut, cut.length - 3));
        for (StreamSplit split : EventDiscovery.files(tmp, "nmnist", 64).discover(Set.of())) {
            List<InputRecord<EventChunk>> straight = readAll(split);
            for (int from = 0; from <= straight.size(); from++) {
                List<InputRecord<EventChunk>> resumed = readAll(split.at(from));
                assertThat(resumed).hasSize(straight.size() - from);
                for (int i = 0; i < resumed.size(); i++) {
                    InputRecord<EventChunk> a = straight.get(from + i), b = resumed.get(i);
                    assertThat(b.value).isEqualTo(a.value);
                    assertThat(b.deadLetter).isEqualTo(a.deadLetter);
                }
            }
        }
    }

    /** A 16-bit mono WAV header at 8 kHz declaring {@code declared} data bytes, followed by {@code data}. */
    static byte[] wav(byte[] data, int declared) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + declared).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(declared).put(data);
        return b.array();
    }

    @Test
    void audioGoesThroughTheCochleaAndATruncatedWavIsADeadLetterWithItsBytes() throws Exception {
        byte[] data = new byte[2 * 4000];
        for (int i = 0; i < 4000; i++) {
            int q = (int) (6000 * Math.sin(2 * Math.PI * 700 * i / 8000.0) * Math.sin(Math.PI * i / 4000));
            data[2 * i] = (byte) q;
            data[2 * i + 1] = (byte) (q >> 8);
        }
        Files.createDirectories(tmp.resolve("4"));
        Files.write(tmp.resolve("4/tone.wav"), wav(data, data.length));
        Files.write(tmp.resolve("4/cut.wav"), java.util.Arrays.copyOf(wav(data, data.length), 44 + 3001));

        List<StreamSplit> splits = EventDiscovery.files(tmp, "auto", 256).discover(Set.of());
        assertThat(splits).extracting(StreamSplit::streamId).containsExactlyInAnyOrder("4/tone", "4/cut");
        assertThat(splits).extracting(StreamSplit::label).containsOnly(4);
        List<InputRecord<EventChunk>> whole = readAll(splits.stream().filter(s -> s.streamId().equals("4/tone")).toList());
        assertThat(whole).allSatisfy(r -> {
            assertThat(r.deadLetter).isNull();
            assertThat(r.value.width).isEqualTo(64);
            assertThat(r.value.height).isEqualTo(1);
        });
        assertThat(whole.stream().mapToInt(r -> r.value.size()).sum()).isGreaterThan(50);

        List<InputRecord<EventChunk>> cut = readAll(splits.stream().filter(s -> s.streamId().equals("4/cut")).toList());
        InputRecord<EventChunk> letter = cut.get(cut.size() - 1);
        assertThat(cut.get(cut.size() - 2).value.problem).contains("truncated").contains("declares 8000 bytes");
        assertThat(letter.deadLetter.reason).contains("cut.wav").contains("@ byte 3044");
        assertThat(letter.deadLetter.byteOffset).isEqualTo(3044);
        assertThat(letter.deadLetter.bytes).hasSize(1);
        assertThat(cut.stream().filter(r -> r.value != null).mapToInt(r -> r.value.size()).sum()).isPositive();
    }

    @Test
    void unreadableFileIsAProblemChunkThenADeadLetterNamingIt() throws Exception {
        Path f = tmp.resolve("mystery.raw");
        Files.writeString(f, "% no encoding line\n");
        List<InputRecord<EventChunk>> records = readAll(EventDiscovery.files(f, "auto", 64).discover(Set.of()));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value.size()).isZero();
        assertThat(records.get(0).value.endOfFile).isTrue();
        assertThat(records.get(1).deadLetter.reason).contains("mystery.raw");
        assertThat(records.get(1).deadLetter.bytes).isNotEmpty();
    }

    @Test
    void missingInputUnknownFormatAndAnEmptyFolderAreRefused() {
        assertThatThrownBy(() -> EventDiscovery.files(tmp.resolve("nope"), "auto", 64).discover(Set.of())).hasMessageContaining("nope");
        assertThatThrownBy(() -> EventDiscovery.files(tmp, "mp4", 64)).hasMessageContaining("mp4");
        assertThatThrownBy(() -> EventDiscovery.files(tmp, "auto", 64).discover(Set.of())).hasMessageContaining("no event recordings");
    }

    @Test
    void sharedEvt2RecordingDecodesToItsCountInChunks() throws Exception {
        Path evt2 = SharedData.events("prophesee/evt2/sparklers_gen3_640x480.raw");
        List<InputRecord<EventChunk>> records = readAll(EventDiscovery.files(evt2, "auto", 1 << 16).discover(Set.of()));
        assertThat(records).allSatisfy(r -> assertThat(r.deadLetter).isNull());
        assertThat(records.stream().mapToLong(r -> r.value.size()).sum()).isEqualTo(521_252);
        assertThat(records.get(0).value.width).isEqualTo(640);
        assertThat(records.get(0).value.height).isEqualTo(480);
    }

    @Test
    void aWatchedFolderHandsOutAFileOnceItsSizeHeldStillAndNeverTwice() throws Exception {
        EventDiscovery watch = EventDiscovery.watch(tmp, "auto", 64, 10);
        Files.write(tmp.resolve("a.bin"), nmnist(10));
        assertThat(watch.discover(Set.of())).as("first sight: may still be written").isEmpty();
        assertThat(watch.discover(Set.of())).extracting(StreamSplit::streamId).containsExactly("a");
        Files.write(tmp.resolve("b.bin"), nmnist(10));
        assertThat(watch.discover(Set.of("a"))).isEmpty();
        assertThat(watch.discover(Set.of("a"))).extracting(StreamSplit::streamId).containsExactly("b");
    }
}
