package dev.engram.snn.events;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFormatTest {

    @BeforeAll
    static void tmpdirExists() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void detectsEverySharedRecording() throws IOException {
        assertThat(EventFormat.detect(SharedData.events("prophesee/evt2/sparklers_gen3_640x480.raw"))).isEqualTo(EventFormat.EVT2);
        assertThat(EventFormat.detect(SharedData.events("prophesee/evt3/evt3_sample_gen41_1280x720.raw"))).isEqualTo(EventFormat.EVT3);
        assertThat(EventFormat.detect(SharedData.events("prophesee/dat/tonic_sample_ncars.dat"))).isEqualTo(EventFormat.DAT);
        assertThat(EventFormat.detect(SharedData.events("aedat4/tonic_sample_dvxplorer_320x240.aedat4"))).isEqualTo(EventFormat.AEDAT4);
        assertThat(EventFormat.detect(SharedData.events("eventstream/faery_dvs.es"))).isEqualTo(EventFormat.ES);
        assertThat(EventFormat.detect(SharedData.events("nmnist/unlabelled/tonic_sample_nmnist.bin"))).isEqualTo(EventFormat.NMNIST);
        assertThat(EventFormat.detect(SharedData.events("dvs128_bs2/1.bs2"))).isEqualTo(EventFormat.NMNIST);
    }

    @Test
    void headerWinsOverAMisleadingExtension(@TempDir Path dir) throws IOException {
        Path renamed = dir.resolve("recording.bin");
        Files.write(renamed, "% evt 3.0\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(EventFormat.detect(renamed)).isEqualTo(EventFormat.EVT3);
        Path newStyle = dir.resolve("x.raw");
        Files.write(newStyle, "% format EVT2;height=720;width=1280\n% end\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(EventFormat.detect(newStyle)).isEqualTo(EventFormat.EVT2);
        try (EventDecoder d = EventDecoder.open(newStyle)) {
            assertThat(d.width()).isEqualTo(1280);
            assertThat(d.height()).isEqualTo(720);
            assertThat(d.read(new EventBatch(16))).isEqualTo(-1);
        }
    }

    @Test
    void csvAndTextFallBackToTheExtension(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.txt");
        Files.writeString(csv, "x,y,p,t\n1,2,1,3\n");
        assertThat(EventFormat.detect(csv)).isEqualTo(EventFormat.CSV);
        assertThat(EventStats.of(csv).events()).isEqualTo(1);
    }

    @Test
    void unsupportedEncodingsAndUnknownFilesAreRefusedClearly(@TempDir Path dir) throws IOException {
        Path evt21 = dir.resolve("a.raw");
        Files.writeString(evt21, "% evt 2.1\n");
        assertThatThrownBy(() -> EventFormat.detect(evt21)).isInstanceOf(EventDecodeException.class).hasMessageContaining("evt21");
        Path noEncoding = dir.resolve("b.raw");
        Files.writeString(noEncoding, "% Date 2020\n");
        assertThatThrownBy(() -> EventFormat.detect(noEncoding)).hasMessageContaining("--format evt2 or evt3");
        Path unknown = dir.resolve("c.xyz");
        Files.writeString(unknown, "hello");
        assertThatThrownBy(() -> EventFormat.detect(unknown)).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("c.xyz").hasMessageContaining("--format");
    }

    @Test
    void cliNamesRoundTrip() {
        assertThat(EventFormat.cliNames()).containsExactly("auto", "nmnist", "evt2", "evt3", "dat", "aedat4", "es", "csv", "wav", "pcm");
        assertThat(EventFormat.fromName("auto")).isEmpty();
        for (EventFormat f : EventFormat.values()) assertThat(EventFormat.fromName(f.cliName())).contains(f);
        assertThatThrownBy(() -> EventFormat.fromName("evt4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto|nmnist|evt2|evt3|dat|aedat4|es|csv");
    }

    @Test
    void explicitFormatOverridesDetection() throws IOException {
        Path bs2 = SharedData.events("dvs128_bs2/1.bs2");
        try (EventDecoder d = EventDecoder.open(bs2, "nmnist")) {
            assertThat(d.format()).isEqualTo(EventFormat.NMNIST);
        }
    }
}
