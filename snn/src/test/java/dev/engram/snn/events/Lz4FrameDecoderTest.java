package dev.engram.snn.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/** The in-house LZ4 frame decoder agrees with lz4-java's encoder (independent blocks, checksums). */
class Lz4FrameDecoderTest {

    static byte[] compressible(int size, long seed) {
        Random r = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte) (i % 97 < 60 ? i % 13 : r.nextInt(4));
        return data;
    }

    @Test
    void decodesFramesWrittenByLz4Java() throws IOException {
        for (int size : new int[] {0, 1, 100, 70_000, 300_000}) {
            byte[] data = compressible(size, size);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                    LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
                out.write(data);
            }
            byte[] frame = bytes.toByteArray();
            Lz4FrameDecoder decoder = new Lz4FrameDecoder(16, 1 << 20);
            int n = decoder.decode(frame, frame.length, "mem", 0);
            assertThat(Arrays.copyOf(decoder.output(), n)).as("size " + size).isEqualTo(data);
        }
    }

    @Test
    void refusesOutputAboveItsLimit() throws IOException {
        byte[] data = new byte[200_000];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes)) {
            out.write(data);
        }
        byte[] frame = bytes.toByteArray();
        Lz4FrameDecoder decoder = new Lz4FrameDecoder(16, 100_000);
        assertThatThrownBy(() -> decoder.decode(frame, frame.length, "mem", 7))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("more than 100000 bytes");
    }

    @Test
    void detectsACorruptedBlockByItsChecksum() throws IOException {
        byte[] data = compressible(50_000, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM)) {
            out.write(data);
        }
        byte[] frame = bytes.toByteArray();
        frame[frame.length / 2] ^= 0x10;
        Lz4FrameDecoder decoder = new Lz4FrameDecoder(16, 1 << 20);
        assertThatThrownBy(() -> decoder.decode(frame, frame.length, "mem", 0)).isInstanceOf(EventDecodeException.class);
    }
}
