package dev.engram.snn.events;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding does not depend on how the input arrives or how big the batches are: short reads and
 * tiny batches give the same events as one large read; a file cut anywhere gives a prefix of the
 * events with the truncation flagged exactly when the cut is mid-record.
 */
class StreamingConsistencyTest {

    static final List<Object[]> CASES = List.of(
            new Object[] {"nmnist/unlabelled/tonic_sample_nmnist.bin", (DecoderFuzzTest.DecoderFactory) NmnistDecoder::new},
            new Object[] {"prophesee/evt2/sparklers_gen3_640x480.raw", (DecoderFuzzTest.DecoderFactory) Evt2Decoder::new},
            new Object[] {"prophesee/evt3/evt3_sample_gen41_1280x720.raw", (DecoderFuzzTest.DecoderFactory) Evt3Decoder::new},
            new Object[] {"prophesee/dat/ncars_obj_004397_td.dat", (DecoderFuzzTest.DecoderFactory) DatDecoder::new},
            new Object[] {"aedat4/tonic_sample_dvxplorer_320x240.aedat4", (DecoderFuzzTest.DecoderFactory) Aedat4Decoder::new},
            new Object[] {"eventstream/faery_dvs.es", (DecoderFuzzTest.DecoderFactory) EventStreamDecoder::new});

    static RecordingDecodeTest.Decoded decode(DecoderFuzzTest.DecoderFactory f, InputStream in, int capacity) throws IOException {
        try (EventDecoder d = f.open(in, "test")) {
            return RecordingDecodeTest.decodeAll(d, capacity);
        }
    }

    @Test
    void shortReadsAndSmallBatchesGiveTheSameEvents() throws IOException {
        for (Object[] c : CASES) {
            byte[] data = Files.readAllBytes(SharedData.events((String) c[0]));
            DecoderFuzzTest.DecoderFactory f = (DecoderFuzzTest.DecoderFactory) c[1];
            RecordingDecodeTest.Decoded whole = decode(f, new ByteArrayInputStream(data), EventBatch.DEFAULT_CAPACITY);
            RecordingDecodeTest.Decoded trickled = decode(f, new TrickleInputStream(data, 42, 61), 17);
            assertSame((String) c[0], whole, trickled);
        }
    }

    @Test
    void aCutFileGivesAPrefixAndFlagsMidRecordCuts() throws IOException {
        for (Object[] c : CASES) {
            String file = (String) c[0];
            byte[] data = Files.readAllBytes(SharedData.events(file));
            DecoderFuzzTest.DecoderFactory f = (DecoderFuzzTest.DecoderFactory) c[1];
            RecordingDecodeTest.Decoded whole = decode(f, new ByteArrayInputStream(data), EventBatch.DEFAULT_CAPACITY);
            assertThat(whole.decoder().truncated()).as(file).isFalse();
            for (int cut : new int[] {data.length / 3 + 1, data.length / 2 + 3, data.length - 1}) {
                RecordingDecodeTest.Decoded part = decode(f, new ByteArrayInputStream(Arrays.copyOf(data, cut)), 4096);
                assertThat(part.size()).as(file + " cut at " + cut).isLessThanOrEqualTo(whole.size());
                assertPrefix(file + " cut at " + cut, whole, part);
            }
            // AEDAT 4 ends with a file data table the decoder does not need, so cut it mid-packet instead.
            int cut = file.endsWith(".aedat4") ? data.length / 2 : data.length - 1;
            RecordingDecodeTest.Decoded cutShort = decode(f, new ByteArrayInputStream(Arrays.copyOf(data, cut)), 4096);
            assertThat(cutShort.decoder().truncated()).as(file + " cut mid-record at " + cut + " is flagged").isTrue();
            assertThat(cutShort.decoder().truncationDetail()).as(file).contains("offset");
        }
    }

    static void assertSame(String what, RecordingDecodeTest.Decoded a, RecordingDecodeTest.Decoded b) {
        assertThat(b.size()).as(what).isEqualTo(a.size());
        assertPrefix(what, a, b);
    }

    static void assertPrefix(String what, RecordingDecodeTest.Decoded whole, RecordingDecodeTest.Decoded part) {
        int n = part.size();
        assertThat(Arrays.copyOf(part.x(), n)).as(what + " x").isEqualTo(Arrays.copyOf(whole.x(), n));
        assertThat(Arrays.copyOf(part.y(), n)).as(what + " y").isEqualTo(Arrays.copyOf(whole.y(), n));
        assertThat(Arrays.copyOf(part.p(), n)).as(what + " p").isEqualTo(Arrays.copyOf(whole.p(), n));
        assertThat(Arrays.copyOf(part.t(), n)).as(what + " t").isEqualTo(Arrays.copyOf(whole.t(), n));
    }
}
