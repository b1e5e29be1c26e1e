package dev.engram.operators.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PreviewImagesTest {
    @Test
    void largeFramesShrinkToAtMost320PixelsAndKeepTheirColours() throws Exception {
        int w = 854, h = 480;
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) rgb[3 * i] = (byte) 200; // red
        Preview p = PreviewImages.rgb(rgb, w, h);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.jpeg));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isLessThanOrEqualTo(PreviewImages.MAX_SIDE);
        int c = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        assertThat((c >> 16) & 0xFF).isGreaterThan(150);
        assertThat(c & 0xFF).isLessThan(60);
    }

    @Test
    void digitsAreEnlargedByWholePixels() throws Exception {
        float[] digit = new float[28 * 28];
        digit[14 * 28 + 14] = 1f;
        Preview p = PreviewImages.grey(digit, 28, 28, 112);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.jpeg));
        assertThat(img.getWidth()).isEqualTo(112);
        assertThat(img.getRaster().getSample(14 * 4 + 1, 14 * 4 + 1, 0)).isGreaterThan(200);
        assertThat(img.getRaster().getSample(2, 2, 0)).isLessThan(40);
    }

    @Test
    void eventRastersShowOnEventsLightAndOffEventsDark() throws Exception {
        int[] xs = new int[32], ys = new int[32];
        byte[] pol = new byte[32];
        for (int i = 0; i < 16; i++) {
            xs[i] = 8 + i % 4;
            ys[i] = 8 + i / 4;
            pol[i] = 1;
            xs[16 + i] = 98 + i % 4;
            ys[16 + i] = 48 + i / 4;
        }
        Preview p = PreviewImages.events(128, 96, xs, ys, pol, 32);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.jpeg));
        assertThat(img.getWidth()).isLessThanOrEqualTo(PreviewImages.MAX_SIDE);
        int scale = img.getWidth() / 128;
        int on = img.getRGB(10 * scale + scale / 2, 10 * scale + scale / 2), off = img.getRGB(100 * scale + scale / 2, 50 * scale + scale / 2);
        assertThat(brightness(on)).isGreaterThan(brightness(off) + 100);
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
    }
}
