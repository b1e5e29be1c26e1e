package dev.engram.snn.audio;

import java.io.ByteArrayOutputStream;

/** Synthetic audio for tests: tones, silence, and WAV bytes around them. */
final class Tones {
    private Tones() {}

    /**
     * {@code seconds} of a sine at {@code hz} with amplitude {@code amplitude} (full scale 1), after
     * {@code leadSeconds} of silence; 10 ms raised-cosine ramps at both ends, so switching the tone on
     * and off makes no broadband click.
     */
    static float[] tone(double hz, double amplitude, double seconds, double leadSeconds, int rate) {
        int lead = (int) Math.round(leadSeconds * rate);
        int n = (int) Math.round(seconds * rate);
        int ramp = Math.min(n / 2, rate / 100);
        float[] s = new float[lead + n];
        for (int i = 0; i < n; i++) {
            double g = 1;
            int edge = Math.min(i, n - 1 - i);
            if (edge < ramp) g = 0.5 - 0.5 * Math.cos(Math.PI * edge / ramp);
            s[lead + i] = (float) (g * amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** The samples as 16-bit little-endian PCM, each repeated for {@code channels} channels. */
    static byte[] pcm16(float[] s, int channels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (float v : s) {
            int q = Math.max(-32768, Math.min(32767, Math.round(v * 32767f)));
            for (int c = 0; c < channels; c++) {
                out.write(q & 0xFF);
                out.write((q >> 8) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** A canonical 44-byte-header WAV file with the given fmt fields and data bytes, declaring {@code declared} data bytes. */
    static byte[] wav(int tag, int channels, int rate, int bits, byte[] data, long declared, byte[]... extraChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int extra = 0;
        for (byte[] c : extraChunks) extra += c.length;
        writeAscii(out, "RIFF");
        le32(out, 36 + extra + data.length);
        writeAscii(out, "WAVE");
        for (byte[] c : extraChunks) out.writeBytes(c);
        writeAscii(out, "fmt ");
        le32(out, 16);
        le16(out, tag);
        le16(out, channels);
        le32(out, rate);
        le32(out, rate * channels * bits / 8);
        le16(out, channels * bits / 8);
        le16(out, bits);
        writeAscii(out, "data");
        le32(out, declared);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] wav16(float[] s, int rate) {
        byte[] data = pcm16(s, 1);
        return wav(1, 1, rate, 16, data, data.length);
    }

    /** A RIFF chunk with an id and a body (padded to an even length). */
    static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, id);
        le32(out, body.length);
        out.writeBytes(body);
        if ((body.length & 1) == 1) out.write(0);
        return out.toByteArray();
    }

    static void writeAscii(ByteArrayOutputStream out, String s) {
        for (char c : s.toCharArray()) out.write(c);
    }

    static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    static void le32(ByteArrayOutputStream out, long v) {
        for (int k = 0; k < 4; k++) out.write((int) (v >> (8 * k)) & 0xFF);
    }
}
