package dev.engram.vos.io;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir(factory = CreatingTempDirFactory.class)
    Path dir;

    private static BufferedImage gradient(int type, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 7 & 0xFF) << 16 | (y * 11 & 0xFF) << 8 | ((x + y) * 3 & 0xFF));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void decodesPngPixelsAsInterleavedRgb() throws IOException {
        Frame f = ImageFiles.decodeFrame(encode(gradient(BufferedImage.TYPE_INT_RGB, 13, 9), "png"), "g.png", "s", 4);
        assertThat(f.width).isEqualTo(13);
        assertThat(f.height).isEqualTo(9);
        assertThat(f.index).isEqualTo(4);
        assertThat(f.streamId).isEqualTo("s");
        assertThat(f.origin).isEqualTo("g.png");
        int o = 3 * (5 * 13 + 6);
        assertThat(new int[] {f.rgb[o] & 0xFF, f.rgb[o + 1] & 0xFF, f.rgb[o + 2] & 0xFF})
                .containsExactly(6 * 7, 5 * 11, 11 * 3);
    }

    @Test
    void bgrFastPathGivesSameRgbAsGenericPath() {
        BufferedImage bgr = gradient(BufferedImage.TYPE_3BYTE_BGR, 17, 5);
        BufferedImage argb = gradient(BufferedImage.TYPE_INT_ARGB, 17, 5);
        assertThat(ImageFiles.toRgb(bgr)).isEqualTo(ImageFiles.toRgb(argb));
    }

    @Test
    void readsJpegFileWithOriginSetToPath() throws IOException {
        Path file = dir.resolve("a.jpg");
        Files.write(file, encode(gradient(BufferedImage.TYPE_3BYTE_BGR, 64, 48), "jpg"));
        Frame f = ImageFiles.readFrame(file, "cam", 0);
        assertThat(f.rgb).hasSize(64 * 48 * 3);
        assertThat(f.origin).isEqualTo(file.toString());
        assertThat(f.annotation).isNull();
    }

    @Test
    void truncatedJpegThrowsNamingTheFile() throws IOException {
        byte[] full = encode(gradient(BufferedImage.TYPE_3BYTE_BGR, 64, 48), "jpg");
        Path file = dir.resolve("cut.jpg");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageFiles.readFrame(file, "cam", 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void garbageBytesThrowNamingTheInput() {
        assertThatThrownBy(() -> ImageFiles.decodeFrame(new byte[] {1, 2, 3, 4, 5}, "junk.bin", "s", 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("junk.bin")
                .hasMessageContaining("not a recognised image format");
    }

    @Test
    void missingFileThrowsBadInput() {
        Path file = dir.resolve("none.jpg");
        assertThatThrownBy(() -> ImageFiles.readFrame(file, "s", 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void readsDavisJpegAt854x480() {
        Path file = SharedData.sequence("blackswan").resolve("frames/00000.jpg");
        Frame f = ImageFiles.readFrame(file, "blackswan", 0);
        assertThat(f.width).isEqualTo(854);
        assertThat(f.height).isEqualTo(480);
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) ImageFiles.readFrame(file, "blackswan", i);
        t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) ImageFiles.readFrame(file, "blackswan", i);
        System.out.printf("ImageFiles: 854x480 JPEG decode %.1f ms/frame%n", (System.nanoTime() - t0) / 1e7);
    }
}
