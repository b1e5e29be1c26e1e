package dev.engram.vos.io;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Mask;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskFilesTest {
    @TempDir(factory = CreatingTempDirFactory.class)
    Path dir;

    private static Mask sample(int w, int h) {
        byte[] ids = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ids[y * w + x] = (byte) (x < w / 3 ? 0 : x < 2 * w / 3 ? 1 : (y < h / 2 ? 2 : 7));
            }
        }
        return new Mask(w, h, ids);
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "png", out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void paletteRoundTripKeepsIds() throws IOException {
        Mask m = sample(31, 17);
        Path file = dir.resolve("sub/m.png");
        MaskFiles.writePng(m, file);
        assertThat(MaskFiles.read(file, 31, 17)).isEqualTo(m);
    }

    @Test
    void writtenPngIsAPaletteImageWithDavisColoursAndIdPixels() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(MaskFiles.encodePng(sample(30, 10))));
        assertThat(img.getColorModel()).isInstanceOf(IndexColorModel.class);
        IndexColorModel cm = (IndexColorModel) img.getColorModel();
        assertThat(cm.getRGB(1) & 0xFFFFFF).isEqualTo(0x800000);
        assertThat(cm.getRGB(2) & 0xFFFFFF).isEqualTo(0x008000);
        assertThat(img.getRaster().getSample(25, 8, 0)).isEqualTo(7);
        assertThat(img.getRaster().getSample(12, 0, 0)).isEqualTo(1);
    }

    @Test
    void binaryGrayscaleMapsWhiteToObjectOne() throws IOException {
        BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 255);
        img.getRaster().setSample(4, 2, 0, 255);
        Mask m = MaskFiles.decode(png(img), "gray.png", 8, 4);
        assertThat(m.count(1)).isEqualTo(2);
        assertThat(m.id(3, 2)).isEqualTo(1);
        assertThat(m.objectIds()).containsExactly(1);
    }

    @Test
    void grayscaleWithSmallValuesKeepsThemAsIds() throws IOException {
        BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(1, 1, 0, 1);
        img.getRaster().setSample(2, 1, 0, 3);
        Mask m = MaskFiles.decode(png(img), "ids.png", 8, 4);
        assertThat(m.objectIds()).containsExactly(1, 3);
        assertThat(m.id(2, 1)).isEqualTo(3);
    }

    @Test
    void rgbMaskColoursMapThroughDavisPalette() throws IOException {
        BufferedImage img = new BufferedImage(6, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, DavisPalette.rgb(2));
        img.setRGB(5, 2, DavisPalette.rgb(3));
        Mask m = MaskFiles.decode(png(img), "rgb.png", 6, 3);
        assertThat(m.id(0, 0)).isEqualTo(2);
        assertThat(m.id(5, 2)).isEqualTo(3);
        assertThat(m.count(0)).isEqualTo(16);
    }

    @Test
    void rgbColourOutsidePaletteThrowsNamingFileAndColour() throws IOException {
        BufferedImage img = new BufferedImage(6, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x123456);
        assertThatThrownBy(() -> MaskFiles.decode(png(img), "odd.png", 6, 3))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("odd.png")
                .hasMessageContaining("#123456");
    }

    @Test
    void maskOnePixelShortIsPaddedByReplicatingEdge() {
        Mask small = sample(9, 5);
        Mask m = MaskFiles.decode(MaskFiles.encodePng(small), "short.png", 10, 6);
        assertThat(m.width).isEqualTo(10);
        assertThat(m.height).isEqualTo(6);
        for (int y = 0; y < 6; y++) {
            assertThat(m.id(9, y)).isEqualTo(small.id(8, Math.min(y, 4)));
        }
        for (int x = 0; x < 10; x++) {
            assertThat(m.id(x, 5)).isEqualTo(small.id(Math.min(x, 8), 4));
        }
    }

    @Test
    void otherSizeMismatchThrowsNamingBothSizes() {
        byte[] png = MaskFiles.encodePng(sample(8, 6));
        assertThatThrownBy(() -> MaskFiles.decode(png, "big.png", 10, 6))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("big.png")
                .hasMessageContaining("8x6")
                .hasMessageContaining("10x6");
        assertThatThrownBy(() -> MaskFiles.decode(png, "small.png", 7, 6)).isInstanceOf(BadInputException.class);
    }

    @Test
    void corruptPngThrowsBadInput() {
        byte[] png = MaskFiles.encodePng(sample(40, 40));
        byte[] cut = java.util.Arrays.copyOf(png, png.length - 30);
        assertThatThrownBy(() -> MaskFiles.decode(cut, "cut.png", 40, 40))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cut.png");
    }

    @Test
    void readsDavis2016GrayscaleMaskAsObjectOne() {
        Mask m = MaskFiles.read(SharedData.sequence("blackswan").resolve("masks/00000.png"), 854, 480);
        assertThat(m.objectIds()).containsExactly(1);
        assertThat(m.count(1)).isGreaterThan(1000);
    }

    @Test
    void readsGrayAlphaMask() {
        Mask m = MaskFiles.read(SharedData.sequence("bear").resolve("masks/00077.png"), 854, 480);
        assertThat(m.objectIds()).containsExactly(1);
    }

    @Test
    void readsPaletteMaskOneColumnShort() {
        Path masks = SharedData.sequence("judo-cutie-demo").resolve("masks");
        Mask m5 = MaskFiles.read(masks.resolve("00005.png"), 854, 480);
        assertThat(m5.width).isEqualTo(854);
        assertThat(m5.objectIds()).contains(2);
        assertThat(MaskFiles.read(masks.resolve("00000.png"), 854, 480).objectIds()).contains(1);
    }

    @Test
    void readAndWriteAreFastAt854x480() throws IOException {
        Path file = SharedData.sequence("blackswan").resolve("masks/00010.png");
        Mask m = MaskFiles.read(file, 854, 480);
        int n = 20;
        for (int i = 0; i < n; i++) MaskFiles.encodePng(MaskFiles.read(file, 854, 480));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) MaskFiles.read(file, 854, 480);
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) MaskFiles.encodePng(m);
        long t2 = System.nanoTime();
        System.out.printf("MaskFiles 854x480: read %.2f ms, encode %.2f ms%n", (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n);
        assertThat(MaskFiles.decode(MaskFiles.encodePng(m), "rt", 854, 480)).isEqualTo(m);
    }
}
