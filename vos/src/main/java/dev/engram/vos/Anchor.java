package dev.engram.vos;

import dev.engram.vos.flow.Warp;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The frame an object was annotated in (its only ground truth), kept so the object's mask can be
 * re-aligned to it whenever the view returns. Chained frame-to-frame flow accumulates error that
 * no later frame can undo; flow straight from the current frame to the anchor does not chain, and
 * where the anchor image, carried along that flow, matches the current image, the anchor's mask is
 * the best prior there is. Where it does not match (the view changed, the flow failed) it is
 * ignored, pixel by pixel and for the object as a whole.
 */
final class Anchor {
    /** Radius (working pixels) of the box over which the photometric residual is averaged. */
    static final int RESIDUAL_RADIUS = 4;
    /** Mean residual (gray levels) over the object below which the anchor is fully trusted… */
    static final float TRUST_FULL = 4f;
    /** …and above which it is ignored for the whole object. */
    static final float TRUST_NONE = 12f;
    /** Per-pixel residual below which a pixel takes the anchor's value, and above which it keeps its prior. */
    static final float PIXEL_FULL = 6f, PIXEL_NONE = 20f;
    /**
     * Most frames skipped between tries while the view does not match: each miss doubles the gap up
     * to this, a match resets it, so a far-away view costs about one flow in five frames.
     */
    static final int MAX_SKIP = 4;

    final long frameIndex;
    /** Working-resolution gray image of the annotated frame. */
    final byte[] gray;
    /** The annotated mask, probability × 255. */
    final byte[] mask;
    /** Next frame index to try, and the current gap after misses. */
    private long next;
    private int skip;

    Anchor(long frameIndex, byte[] gray, float[] truth) {
        this.frameIndex = frameIndex;
        this.gray = gray.clone();
        this.mask = new byte[truth.length];
        for (int i = 0; i < truth.length; i++) mask[i] = (byte) Math.round(Math.min(1f, Math.max(0f, truth[i])) * 255);
    }

    private Anchor(long frameIndex, byte[] gray, byte[] mask) {
        this.frameIndex = frameIndex;
        this.gray = gray;
        this.mask = mask;
    }

    /** Whether to try this frame (see {@link #MAX_SKIP}). */
    boolean due(long frame) {
        return frame >= next;
    }

    /** Records the trust {@link #blend} returned for {@code frame}, scheduling the next try. */
    void tried(long frame, float trust) {
        skip = trust > 0 ? 0 : Math.min(MAX_SKIP, Math.max(1, 2 * skip));
        next = frame + 1 + skip;
    }

    /**
     * Moves {@code prior} toward the anchor mask carried into the current frame along {@code field}
     * (flow from the current frame to the anchor frame), in place, where the carried anchor image
     * matches {@code current}. Returns the object-wide trust in 0..1 (0: prior untouched).
     */
    float blend(float[] prior, float[] field, byte[] current, int w, int h) {
        int n = w * h;
        float[] warpedGray = Warp.backward(toFloat(gray, 1f), field, w, h, -1f);
        float[] warpedMask = Warp.backward(toFloat(mask, 1f / 255), field, w, h, 0f);
        float[] diff = new float[n];
        for (int i = 0; i < n; i++) {
            // Outside the anchor frame nothing matches.
            diff[i] = warpedGray[i] < 0 ? 255f : Math.abs((current[i] & 0xFF) - warpedGray[i]);
        }
        float[] residual = boxMean(diff, w, h, RESIDUAL_RADIUS);
        // Judge the match on the object itself (where either map puts it): around a static camera's
        // moved object the background matches perfectly and says nothing about the mask.
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (prior[i] >= 0.5f || warpedMask[i] >= 0.5f) {
                sum += residual[i];
                count++;
            }
        }
        if (count == 0) return 0f;
        float trust = ramp((float) (sum / count), TRUST_FULL, TRUST_NONE);
        if (trust <= 0f) return 0f;
        for (int i = 0; i < n; i++) {
            float a = trust * ramp(residual[i], PIXEL_FULL, PIXEL_NONE);
            if (a > 0f) prior[i] += a * (warpedMask[i] - prior[i]);
        }
        return trust;
    }

    /** 1 at or below {@code full}, 0 at or above {@code none}, linear between. */
    private static float ramp(float v, float full, float none) {
        return v <= full ? 1f : v >= none ? 0f : (none - v) / (none - full);
    }

    /** Mean over a (2r+1)² box clipped to the image, by a summed-area table. */
    static float[] boxMean(float[] v, int w, int h, int r) {
        double[] sat = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
                double s = sat[y1 * (w + 1) + x1] - sat[y0 * (w + 1) + x1] - sat[y1 * (w + 1) + x0] + sat[y0 * (w + 1) + x0];
                out[y * w + x] = (float) (s / ((x1 - x0) * (y1 - y0)));
            }
        }
        return out;
    }

    private static float[] toFloat(byte[] b, float scale) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) f[i] = (b[i] & 0xFF) * scale;
        return f;
    }

    long bytes() {
        return gray.length + mask.length;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(frameIndex);
        out.writeInt(gray.length);
        out.write(gray);
        out.write(mask);
        out.writeLong(next);
        out.writeInt(skip);
    }

    static Anchor read(DataInput in, int pixels) throws IOException {
        long frame = in.readLong();
        int n = in.readInt();
        if (n != pixels) throw new IOException("corrupt object state: anchor of " + n + " pixels for a map of " + pixels);
        byte[] gray = new byte[n], mask = new byte[n];
        in.readFully(gray);
        in.readFully(mask);
        Anchor a = new Anchor(frame, gray, mask);
        a.next = in.readLong();
        a.skip = in.readInt();
        if (a.skip < 0 || a.skip > MAX_SKIP) throw new IOException("corrupt object state: anchor gap " + a.skip);
        return a;
    }
}
