package dev.engram.snn.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.events.EventDecodeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

class PcmReaderTest {

    static float[] readAll(PcmReader r) throws IOException {
        float[] all = new float[0];
        float[] block = new float[100];
        int n;
        while ((n = r.read(block)) > 0) {
            int at = all.length;
            all = Arrays.copyOf(all, at + n);
            System.arraycopy(block, 0, all, at, n);
        }
        return all;
    }

    static PcmReader wav(byte[] bytes) throws IOException {
        return PcmReader.wav(new ByteArrayInputStream(bytes), "test.wav");
    }

    @Test
    void reads16BitMonoAtItsRate() throws IOException {
        float[] s = Tones.tone(440, 0.5, 0.1, 0, 8000);
        PcmReader r = wav(Tones.wav16(s, 8000));
        assertThat(r.sampleRate()).isEqualTo(8000);
        assertThat(r.channels()).isEqualTo(1);
        float[] back = readAll(r);
        assertThat(back).hasSize(s.length);
        for (int i = 0; i < s.length; i++) assertThat(back[i]).isCloseTo(s[i], Offset.offset(1e-4f));
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void mixesStereoDownAndSkipsOtherChunks() throws IOException {
        float[] s = {0.25f, -0.5f, 0.75f};
        byte[] data = Tones.pcm16(s, 2);
        PcmReader r = wav(Tones.wav(1, 2, 16000, 16, data, data.length, Tones.chunk("LIST", new byte[] {1, 2, 3})));
        assertThat(r.channels()).isEqualTo(2);
        float[] back = readAll(r);
        assertThat(back).hasSize(3);
        assertThat(back[2]).isCloseTo(0.75f, Offset.offset(1e-4f));
    }

    @Test
    void readsEightBitTwentyFourBitAndFloatSamples() throws IOException {
        byte[] u8 = {(byte) 128, (byte) 192, (byte) 64};
        assertThat(readAll(wav(Tones.wav(1, 1, 8000, 8, u8, 3)))).containsExactly(0f, 0.5f, -0.5f);
        byte[] s24 = {0, 0, 0x40, 0, 0, (byte) 0xC0};
        assertThat(readAll(wav(Tones.wav(1, 1, 8000, 24, s24, 6)))).containsExactly(0.5f, -0.5f);
        ByteArrayOutputStream f32 = new ByteArrayOutputStream();
        Tones.le32(f32, Float.floatToIntBits(0.125f));
        Tones.le32(f32, Float.floatToIntBits(-1f));
        assertThat(readAll(wav(Tones.wav(3, 1, 8000, 32, f32.toByteArray(), 8)))).containsExactly(0.125f, -1f);
    }

    @Test
    void dataShorterThanDeclaredEndsCleanlyAsTruncated() throws IOException {
        byte[] data = Tones.pcm16(Tones.tone(440, 0.5, 0.1, 0, 8000), 1);
        byte[] full = Tones.wav(1, 1, 8000, 16, data, data.length);
        byte[] cut = Arrays.copyOf(full, full.length - 101); // ends mid-frame, 50.5 frames short
        PcmReader r = wav(cut);
        assertThat(readAll(r)).hasSize(data.length / 2 - 51);
        assertThat(r.truncated()).isTrue();
        assertThat(r.truncationDetail()).contains("declares " + data.length + " bytes");
    }

    @Test
    void headerCutShortIsTruncatedWithoutSamples() throws IOException {
        byte[] full = Tones.wav16(new float[10], 8000);
        PcmReader r = wav(Arrays.copyOf(full, 30));
        assertThat(readAll(r)).isEmpty();
        assertThat(r.truncationDetail()).contains("fmt chunk");
    }

    @Test
    void unknownSizeReadsToTheEnd() throws IOException {
        byte[] data = Tones.pcm16(new float[] {0.5f, 0.5f, 0.5f}, 1);
        PcmReader r = wav(Tones.wav(1, 1, 8000, 16, data, 0xFFFF_FFFFL));
        assertThat(readAll(r)).hasSize(3);
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void refusesWhatIsNotPcmWaveAudio() {
        assertThatThrownBy(() -> wav("not a wav file at all".getBytes()))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("test.wav @ byte 0").hasMessageContaining("RIFF");
        byte[] avi = Tones.wav16(new float[4], 8000);
        avi[8] = 'A';
        avi[9] = 'V';
        avi[10] = 'I';
        avi[11] = ' ';
        assertThatThrownBy(() -> wav(avi)).isInstanceOf(EventDecodeException.class).hasMessageContaining("'AVI '");
        assertThatThrownBy(() -> wav(Tones.wav(2, 1, 8000, 4, new byte[8], 8)))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("encoding 2 is not supported");
        assertThatThrownBy(() -> wav(Tones.wav(1, 1, 8000, 12, new byte[8], 8)))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("12 bits");
    }

    @Test
    void rawPcmIsSixteenBitMono() throws IOException {
        byte[] raw = Tones.pcm16(new float[] {0.5f, -0.25f}, 1);
        PcmReader r = PcmReader.raw16(new ByteArrayInputStream(Arrays.copyOf(raw, 5)), "x.pcm", 16000);
        assertThat(r.sampleRate()).isEqualTo(16000);
        float[] back = readAll(r);
        assertThat(back).hasSize(2);
        assertThat(back[1]).isCloseTo(-0.25f, Offset.offset(1e-4f));
        assertThat(r.truncationDetail()).contains("1 trailing byte");
    }
}
