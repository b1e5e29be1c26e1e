package dev.engram.snn.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.audio.CochleaOptions;
import dev.engram.testdata.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CochleaDecoderTest {
    @TempDir
    Path tmp;

    /** A mono 16-bit WAV of a 0.3 s chirp at 8 kHz. */
    static byte[] chirpWav() {
        int rate = 8000, n = 2400;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            int q = (int) Math.round(8000 * Math.sin(2 * Math.PI * (200 + 3000 * t) * t) * Math.sin(Math.PI * i / n));
            data.write(q & 0xFF);
            data.write((q >> 8) & 0xFF);
        }
        byte[] d = data.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes());
        le32(out, 36 + d.length);
        out.writeBytes("WAVEfmt ".getBytes());
        le32(out, 16);
        le32(out, 1 | 1 << 16);
        le32(out, rate);
        le32(out, rate * 2);
        le32(out, 2 | 16 << 16);
        out.writeBytes("data".getBytes());
        le32(out, d.length);
        out.writeBytes(d);
        return out.toByteArray();
    }

    static void le32(ByteArrayOutputStream out, int v) {
        for (int k = 0; k < 4; k++) out.write((v >> (8 * k)) & 0xFF);
    }

    @Test
    void wavIsDetectedByItsHeaderAndDecodesToChannelEvents() throws IOException {
        Path f = tmp.resolve("sound.bin"); // the extension lies; the header decides
        Files.write(f, chirpWav());
        assertThat(EventFormat.detect(f)).isEqualTo(EventFormat.WAV);
        EventStats s = EventStats.of(f);
        assertThat(s.format()).isEqualTo(EventFormat.WAV);
        assertThat(s.width()).isEqualTo(64);
        assertThat(s.height()).isEqualTo(1);
        assertThat(s.sensorSizeKnown()).isTrue();
        assertThat(s.events()).isGreaterThan(100);
        assertThat(s.on()).isPositive();
        assertThat(s.off()).isPositive();
        assertThat(s.tLastUs()).isLessThan(300_000);
        assertThat(s.truncated()).isNull();
    }

    @Test
    void smallBatchesGiveTheSameEventsAsOneLargeBatch() throws IOException {
        Path f = tmp.resolve("a.wav");
        Files.write(f, chirpWav());
        long[] whole = collect(f, 1 << 16);
        long[] small = collect(f, 16);
        assertThat(small).isEqualTo(whole).hasSizeGreaterThan(100);
    }

    private static long[] collect(Path f, int capacity) throws IOException {
        EventBatch b = new EventBatch(capacity);
        long[] out = new long[0];
        try (EventDecoder d = EventDecoder.open(f)) {
            while (d.read(b) > 0) {
                int at = out.length;
                out = Arrays.copyOf(out, at + b.size());
                for (int i = 0; i < b.size(); i++) out[at + i] = b.tUs()[i] << 16 | b.x()[i] << 1 | b.polarity()[i];
            }
        }
        return out;
    }

    @Test
    void truncatedWavIsSummarisedUpToItsLastFrame() throws IOException {
        byte[] full = chirpWav();
        Path f = tmp.resolve("cut.wav");
        Files.write(f, Arrays.copyOf(full, full.length / 2 + 1));
        EventStats s = EventStats.of(f);
        assertThat(s.truncated()).contains("declares");
        assertThat(s.events()).isPositive();
        assertThat(s.tLastUs()).isLessThan(160_000);
    }

    @Test
    void wavExtensionWithoutRiffHeaderIsAClearError() throws IOException {
        Path f = tmp.resolve("noise.wav");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
        assertThatThrownBy(() -> EventStats.of(f)).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("@ byte 0").hasMessageContaining("RIFF");
    }

    @Test
    void cochleaOptionsShapeTheEvents() throws IOException {
        Path f = tmp.resolve("a.wav");
        Files.write(f, chirpWav());
        try (EventDecoder d = EventDecoder.open(f, "auto", CochleaOptions.defaults().with(CochleaOptions.CHANNELS, 16))) {
            EventStats s = EventStats.of(d);
            assertThat(s.width()).isEqualTo(16);
        }
    }

    @Test
    void spokenDigitOfTheSharedSetBecomesEvents() throws IOException {
        Path wav = SharedData.path("audio/fsdd/recordings/7_jackson_20.wav");
        EventStats s = EventStats.of(wav);
        assertThat(s.format()).isEqualTo(EventFormat.WAV);
        assertThat(s.events()).isBetween(300L, 20_000L);
        assertThat(s.width()).isEqualTo(64);
        assertThat(s.truncated()).isNull();
    }
}
