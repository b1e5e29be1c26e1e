package dev.engram.vos;

import static dev.engram.vos.SegmenterStreams.H;
import static dev.engram.vos.SegmenterStreams.TWO_OBJECTS;
import static dev.engram.vos.SegmenterStreams.W;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.flow.DenseFlow;
import dev.engram.vos.synthetic.SyntheticCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnchorTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static DenseFlow flow;

    @BeforeAll
    static void open() {
        flow = new DenseFlow(VosOptions.flowPreset(VosOptions.FLOW_PRESET.defaultValue()));
    }

    @AfterAll
    static void close() {
        flow.close();
    }

    @Test
    void matchingViewReplacesADriftedPriorWithTheAnnotationWhereTheCameraMoved() {
        Frame annotated = TWO_OBJECTS.frame(0);
        boolean[] truth = TWO_OBJECTS.groundTruth(0).binary(1);
        Anchor anchor = new Anchor(0, gray(annotated), toFloat(truth));
        // The camera panned 3 px right: the scene, and the object, appear 3 px further left.
        Frame panned = shift(annotated, -3, 0);
        boolean[] expected = shift(truth, -3, 0);
        float[] prior = toFloat(shift(truth, 9, 4)); // chained flow drifted 12 px off
        float[] field = flow.compute(gray(panned), anchor.gray, W, H);

        float trust = anchor.blend(prior, field, gray(panned), W, H);

        assertThat(trust).isGreaterThan(0.9f);
        assertThat(iou(prior, expected)).isGreaterThan(0.9);
        assertThat(iou(toFloat(shift(truth, 9, 4)), expected)).as("the drifted prior itself").isLessThan(0.6);
    }

    @Test
    void unrelatedViewLeavesThePriorAlone() {
        Frame annotated = TWO_OBJECTS.frame(0);
        float[] truth = toFloat(TWO_OBJECTS.groundTruth(0).binary(1));
        Anchor anchor = new Anchor(0, gray(annotated), truth);
        Frame elsewhere = new SyntheticCamera(99, W, H, 2).frame(0);
        float[] prior = toFloat(shift(TWO_OBJECTS.groundTruth(0).binary(1), 5, 5));
        float[] before = prior.clone();

        float trust = anchor.blend(prior, flow.compute(gray(elsewhere), anchor.gray, W, H), gray(elsewhere), W, H);

        assertThat(trust).isZero();
        assertThat(prior).containsExactly(before);
    }

    @Test
    void staticCameraDoesNotPullAMovedObjectBackToWhereItWasAnnotated() {
        // Same textured background in both frames; a differently textured square moved 40 px right.
        byte[] background = texture(1, 40), object = texture(2, 80);
        boolean[] before = square(40, 40, 30), after = square(80, 40, 30);
        byte[] annotatedGray = compose(background, object, before, 0), currentGray = compose(background, object, after, 40);
        Anchor anchor = new Anchor(0, annotatedGray, toFloat(before));
        float[] prior = toFloat(after); // propagation followed the object correctly

        anchor.blend(prior, flow.compute(currentGray, annotatedGray, W, H), currentGray, W, H);

        assertThat(iou(prior, after)).isGreaterThan(0.95);
    }

    @Test
    void missesBackOffUpToTheLimitAndAMatchResetsTheSchedule() {
        Anchor anchor = new Anchor(0, new byte[4], new float[4]);
        assertThat(anchor.due(1)).isTrue();
        anchor.tried(1, 0f);
        assertThat(anchor.due(2)).isFalse();
        assertThat(anchor.due(3)).isTrue();
        anchor.tried(3, 0f);
        assertThat(anchor.due(5)).isFalse();
        assertThat(anchor.due(6)).isTrue();
        anchor.tried(6, 0f);
        assertThat(anchor.due(10)).isFalse();
        assertThat(anchor.due(11)).isTrue();
        anchor.tried(11, 0f); // the gap stays at MAX_SKIP
        assertThat(anchor.due(15)).isFalse();
        assertThat(anchor.due(11 + 1 + Anchor.MAX_SKIP)).isTrue();
        anchor.tried(16, 0.4f);
        assertThat(anchor.due(17)).isTrue();
    }

    @Test
    void maskComesBackWhenTheViewReturnsToTheAnnotatedOne() {
        double on = iouAfterDetour(SegmenterStreams.builtIn().with(VosOptions.MAX_OBJECTS, 2));
        double off = iouAfterDetour(SegmenterStreams.builtIn().with(VosOptions.MAX_OBJECTS, 2).with(VosOptions.ANCHOR, false));
        assertThat(on).isGreaterThan(0.9);
        assertThat(off).as("without re-anchoring").isLessThan(on - 0.05);
    }

    /** Annotated frame, six frames of another scene, then the annotated view again for six frames. */
    private static double iouAfterDetour(VosOptions options) {
        OnlineSegmenter s = new OnlineSegmenter(options);
        SyntheticCamera other = new SyntheticCamera(99, W, H, 2);
        s.segment(TWO_OBJECTS.frame(0), RESOURCES);
        Mask last = null;
        for (int i = 1; i <= 12; i++) {
            Frame source = i <= 6 ? other.frame(i) : TWO_OBJECTS.frame(0);
            last = s.segment(new Frame(source.streamId, i, W, H, source.rgb.clone()), RESOURCES);
        }
        Mask truth = TWO_OBJECTS.groundTruth(0);
        return (iou(toFloat(last.binary(1)), truth.binary(1)) + iou(toFloat(last.binary(2)), truth.binary(2))) / 2;
    }

    private static byte[] gray(Frame f) {
        return WorkingImage.of(f, SegmenterStreams.builtIn().get(VosOptions.WORK_SIDE)).gray;
    }

    /** Smoothed seeded noise around mid-gray with the given contrast. */
    private static byte[] texture(long seed, int contrast) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] noise = new float[W * H];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) r.nextDouble(-contrast, contrast);
        float[] smooth = Anchor.boxMean(noise, W, H, 1);
        byte[] out = new byte[W * H];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Math.max(0, Math.min(255, Math.round(128 + 2 * smooth[i])));
        return out;
    }

    private static boolean[] square(int x0, int y0, int side) {
        boolean[] m = new boolean[W * H];
        for (int y = y0; y < y0 + side; y++) for (int x = x0; x < x0 + side; x++) m[y * W + x] = true;
        return m;
    }

    /** Background with the object's texture (shifted by {@code dx}, so it moves with the object) inside {@code where}. */
    private static byte[] compose(byte[] background, byte[] object, boolean[] where, int dx) {
        byte[] out = background.clone();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) if (where[y * W + x]) out[y * W + x] = object[y * W + x - dx];
        }
        return out;
    }

    private static Frame shift(Frame f, int dx, int dy) {
        byte[] rgb = new byte[f.rgb.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int sx = Math.min(W - 1, Math.max(0, x - dx)), sy = Math.min(H - 1, Math.max(0, y - dy));
                System.arraycopy(f.rgb, 3 * (sy * W + sx), rgb, 3 * (y * W + x), 3);
            }
        }
        return new Frame(f.streamId, f.index + 1, W, H, rgb);
    }

    private static boolean[] shift(boolean[] m, int dx, int dy) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int sx = x - dx, sy = y - dy;
                out[y * W + x] = sx >= 0 && sy >= 0 && sx < W && sy < H && m[sy * W + sx];
            }
        }
        return out;
    }

    private static float[] toFloat(boolean[] m) {
        float[] f = new float[m.length];
        for (int i = 0; i < m.length; i++) f[i] = m[i] ? 1f : 0f;
        return f;
    }

    private static double iou(float[] prob, boolean[] truth) {
        int inter = 0, union = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean p = prob[i] >= 0.5f;
            if (p && truth[i]) inter++;
            if (p || truth[i]) union++;
        }
        return union == 0 ? 1 : inter / (double) union;
    }
}
