package dev.engram.vos.io;

/**
 * The DAVIS / PASCAL VOC colour map: object id {@code i} is drawn with colour {@link #rgb(int)}.
 * Id 0 (background) is black, 1 is (128,0,0), 2 is (0,128,0), 3 is (128,128,0), ... All 256
 * colours are distinct, so a colour identifies its id.
 */
public final class DavisPalette {
    private static final byte[] R = new byte[256];
    private static final byte[] G = new byte[256];
    private static final byte[] B = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = 0, g = 0, b = 0, c = i;
            for (int j = 0; j < 8; j++) {
                r |= (c & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            R[i] = (byte) r;
            G[i] = (byte) g;
            B[i] = (byte) b;
        }
    }

    private DavisPalette() {}

    /** The colour of {@code id} (0..255) packed as {@code 0xRRGGBB}. */
    public static int rgb(int id) {
        return (R[id] & 0xFF) << 16 | (G[id] & 0xFF) << 8 | (B[id] & 0xFF);
    }

    /** The id whose colour is {@code 0xRRGGBB}, or -1 when the colour is not in the palette. */
    public static int idOf(int rgb) {
        int id = 0;
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        // Inverse of the bit interleaving above: bit (7-j) of r/g/b holds bit 3j/3j+1/3j+2 of the id.
        for (int j = 0; j < 8; j++) {
            id |= ((r >> (7 - j)) & 1) << (3 * j);
            id |= ((g >> (7 - j)) & 1) << (3 * j + 1);
            id |= ((b >> (7 - j)) & 1) << (3 * j + 2);
        }
        return id < 256 && rgb(id) == (rgb & 0xFFFFFF) ? id : -1;
    }

    /** Copies of the red, green and blue tables, 256 entries each, for building colour models. */
    static byte[][] tables() {
        return new byte[][] {R.clone(), G.clone(), B.clone()};
    }
}
