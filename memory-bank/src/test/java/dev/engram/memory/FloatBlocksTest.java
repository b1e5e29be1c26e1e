package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatBlocksTest {
    /** More than one staging chunk, with the values a raw-bits format must keep: -0, NaN payloads, infinities, subnormals. */
    private static float[] values() {
        SplittableRandom r = new SplittableRandom(7);
        float[] v = new float[40_003];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        v[0] = -0f;
        v[1] = Float.intBitsToFloat(0x7fc01234);
        v[2] = Float.NEGATIVE_INFINITY;
        v[3] = Float.MIN_VALUE;
        v[v.length - 1] = Float.intBitsToFloat(0xffa00001);
        return v;
    }

    @Test
    void writesTheBytesOfOneRawIntPerValue() throws IOException {
        float[] v = values();
        ByteArrayOutputStream perValue = new ByteArrayOutputStream(), bulk = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(perValue)) {
            for (int i = 5; i < 5 + 30_000; i++) out.writeInt(Float.floatToRawIntBits(v[i]));
        }
        try (DataOutputStream out = new DataOutputStream(bulk)) {
            FloatBlocks.write(out, v, 5, 30_000);
        }
        assertThat(bulk.toByteArray()).isEqualTo(perValue.toByteArray());
    }

    @Test
    void readsBackEveryBit() throws IOException {
        float[] v = values();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            FloatBlocks.write(out, v);
        }
        float[] back = new float[v.length];
        FloatBlocks.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), back);
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(v[i]));
        }
    }

    @Test
    void aTruncatedBlockFailsToRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            FloatBlocks.write(out, values());
        }
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThatThrownBy(() -> FloatBlocks.read(new DataInputStream(new ByteArrayInputStream(cut)), new float[values().length]))
                .isInstanceOf(EOFException.class);
    }
}
