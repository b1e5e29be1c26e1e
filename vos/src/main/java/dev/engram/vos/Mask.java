package dev.engram.vos;

import java.util.Arrays;

/**
 * An object-id mask: one byte per pixel, row-major, 0 = background, 1..255 = object ids.
 * A public-field POJO so Flink serializes it without Kryo.
 */
public class Mask {
    public int width;
    public int height;
    public byte[] ids;

    public Mask() {}

    public Mask(int width, int height, byte[] ids) {
        if (width <= 0 || height <= 0 || ids == null || ids.length != width * height) {
            throw new IllegalArgumentException("mask " + width + "x" + height + " needs " + (width * height)
                    + " ids, got " + (ids == null ? "none" : ids.length));
        }
        this.width = width;
        this.height = height;
        this.ids = ids;
    }

    public static Mask empty(int width, int height) {
        return new Mask(width, height, new byte[width * height]);
    }

    public int id(int x, int y) {
        return ids[y * width + x] & 0xFF;
    }

    /** Object ids present, ascending, without background. */
    public int[] objectIds() {
        boolean[] seen = new boolean[256];
        for (byte b : ids) seen[b & 0xFF] = true;
        int n = 0;
        for (int i = 1; i < 256; i++) if (seen[i]) n++;
        int[] out = new int[n];
        for (int i = 1, k = 0; i < 256; i++) if (seen[i]) out[k++] = i;
        return out;
    }

    /** A binary mask (true where the pixel belongs to {@code objectId}). */
    public boolean[] binary(int objectId) {
        boolean[] out = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = (ids[i] & 0xFF) == objectId;
        return out;
    }

    public int count(int objectId) {
        int n = 0;
        for (byte b : ids) if ((b & 0xFF) == objectId) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && width == m.width && height == m.height && Arrays.equals(ids, m.ids);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Mask{" + width + "x" + height + ", objects=" + Arrays.toString(objectIds()) + "}";
    }
}
