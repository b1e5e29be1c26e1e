package dev.engram.vos;


import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Small synthetic streams and state plumbing shared by the {@link OnlineSegmenter} tests. Frames are
 * 160x120, where the working resolution equals the frame size, so a frame costs tens of milliseconds.
 */
final class SegmenterStreams {
    /** Native parts for the whole run; freed when the JVM exits. */
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    static final int W = 160, H = 120;
    /** Two objects, both visible (hundreds of pixels each) from frame 0. */
    static final SyntheticCamera TWO_OBJECTS = new SyntheticCamera(7, W, H, 2);
    /**
     * A budget that, with {@code vos.max-objects=2} and two objects at 160x120, leaves room for five
     * frame-memory entries per object: with an update every frame the bank is full after frame 4.
     */
    static final long SMALL_BUDGET = 640L << 10;

    private SegmenterStreams() {}

    /**
     * The default options with the built-in features only: what these tests' byte counts and
     * thresholds were written for, the same on a machine with or without the packaged backbone.
     */
    static VosOptions builtIn() {
        return VosOptions.defaults().with(VosOptions.BACKBONE, "");
    }

    /** Options for two objects learning every frame within {@link #SMALL_BUDGET}. */
    static VosOptions smallBudget() {
        return builtIn()
                .with(VosOptions.MAX_OBJECTS, 2)
                .with(VosOptions.UPDATE_EVERY, 1)
                .with(VosOptions.MEMORY_BUDGET, SMALL_BUDGET);
    }

    static byte[] state(Segmenter s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static OnlineSegmenter restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            return OnlineSegmenter.readState(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Segments frames {@code from .. to-1} of the camera and returns the SHA-256 of all output masks. */
    static String run(Segmenter s, SyntheticCamera camera, int from, int to) {
        MessageDigest digest = sha256();
        for (int i = from; i < to; i++) digest.update(s.segment(camera.frame(i), RESOURCES).ids);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A copy of {@code mask} with every object id mapped through {@code idMap} (index = old id). */
    static Mask renumber(Mask mask, int[] idMap) {
        byte[] ids = new byte[mask.ids.length];
        for (int i = 0; i < ids.length; i++) ids[i] = (byte) idMap[mask.ids[i] & 0xFF];
        return new Mask(mask.width, mask.height, ids);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
