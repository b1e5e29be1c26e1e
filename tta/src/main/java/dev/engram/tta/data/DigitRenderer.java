package dev.engram.tta.data;

import dev.engram.tta.SeededRandom;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders 28x28 grey digits, white on black in [0, 1] like MNIST, so a machine without any digit data
 * set still has digits to train and adapt on. Each digit is drawn through Java2D in one of the
 * renderer's faces under a {@link Pose}: rotation, shear, scale, position and stroke thickness.
 *
 * <p>Faces: with {@link #systemFonts()}, every installed font family that draws all ten digits as
 * distinct glyphs that look like digits (symbol, dingbat and emoji families left out by name, and any
 * other whose glyphs the other faces do not recognise as the digits they stand for; families that
 * draw the same glyphs as one already taken, such as Java's logical fonts, counted once), in plain
 * and bold, sorted by name, at most {@link #MAX_FAMILIES} families. A machine with no usable font (a headless JRE
 * without fontconfig fonts, where Java2D text fails or draws nothing) gets the built-in stroke glyphs
 * of {@link #strokeGlyphs()} instead, drawn with a round pen; so rendering never fails for want of
 * fonts. {@link #fingerprint()} names the faces, so a model trained on one machine's faces is not
 * mistaken for another's.
 *
 * <p>Determinism: the same renderer, digit and pose give the same pixels (Java2D's antialiased
 * rasteriser is deterministic on one JRE).
 */
public final class DigitRenderer {
    public static final int SIZE = 28;
    /** Most font families taken from a machine (sorted by name), so machines with thousands of fonts stay bounded. */
    public static final int MAX_FAMILIES = 12;
    private static final Pattern NOT_DIGITS = Pattern.compile(
            ".*(symbol|dingbat|wingding|webding|emoji|icon|ornament|music|braille|math|cursor|barcode|ding).*");
    private static volatile DigitRenderer system;

    /** One way of drawing the ten digits: their shapes in a unit-free outline space. */
    record Face(String name, Shape[] glyphs, boolean outlines) {}

    /**
     * Where and how a digit is drawn: rotation in radians, horizontal shear, scale of the 20-pixel
     * digit box, offset of its centre from the image centre in pixels, and stroke thickness in pixels
     * (added around font outlines; the pen width of stroke glyphs).
     */
    public record Pose(int face, double angle, double shear, double scale, double dx, double dy, double thickness) {}

    private final List<Face> faces;
    private final boolean fonts;

    DigitRenderer(List<Face> faces, boolean fonts) {
        this.faces = List.copyOf(faces);
        this.fonts = fonts;
    }

    /** The machine's fonts, or the stroke glyphs where it has none that work; computed once per JVM. */
    public static DigitRenderer systemFonts() {
        DigitRenderer r = system;
        if (r == null) {
            synchronized (DigitRenderer.class) {
                r = system;
                if (r == null) {
                    List<Face> found = fontFaces();
                    r = found.isEmpty() ? strokeGlyphs() : new DigitRenderer(found, true);
                    system = r;
                }
            }
        }
        return r;
    }

    /** The built-in stroke glyphs alone: the same on every machine. */
    public static DigitRenderer strokeGlyphs() {
        return new DigitRenderer(List.of(new Face("strokes", StrokeGlyphs.all(), false)), false);
    }

    /** True when the faces are fonts of this machine, false for the built-in stroke glyphs. */
    public boolean usesFonts() {
        return fonts;
    }

    public int faceCount() {
        return faces.size();
    }

    List<Face> faces() {
        return faces;
    }

    public List<String> faceNames() {
        return faces.stream().map(Face::name).toList();
    }

    /** Names the faces (and the renderer's layout version), for cache file names: a short hex hash. */
    public String fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (byte b : ("v1|" + String.join("|", faceNames())).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return (fonts ? "fonts-" : "strokes-") + Long.toHexString(h);
    }

    /** A pose drawn from {@code rnd}: rotation ±15°, shear ±0.25, scale 0.8–1.1, offset ±2.5 px. */
    public Pose randomPose(SeededRandom rnd) {
        int face = rnd.nextInt(faces.size());
        double angle = Math.toRadians(30 * rnd.nextDouble() - 15);
        double shear = 0.5 * rnd.nextDouble() - 0.25;
        double scale = 0.8 + 0.3 * rnd.nextDouble();
        double dx = 5 * rnd.nextDouble() - 2.5, dy = 5 * rnd.nextDouble() - 2.5;
        double thickness = fonts ? 1.4 * rnd.nextDouble() : 1.8 + 1.6 * rnd.nextDouble();
        return new Pose(face, angle, shear, scale, dx, dy, thickness);
    }

    /**
     * {@code n} labelled digits (labels uniform over 0..9, poses from {@link #randomPose}), a pure
     * function of {@code seed}: the training and held-out sets of a source model for rendered digits.
     */
    public MnistDigits labelled(int n, long seed) {
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            SeededRandom rnd = SeededRandom.forItem(seed, 7, i);
            labels[i] = rnd.nextInt(10);
            images[i] = render(labels[i], randomPose(rnd));
        }
        return new MnistDigits(SIZE, SIZE, images, labels);
    }

    /** The digit's 784 pixels, row-major. IllegalArgumentException for a digit outside 0..9 or an unknown face. */
    public float[] render(int digit, Pose pose) {
        if (digit < 0 || digit > 9) throw new IllegalArgumentException("digit must be 0..9, got " + digit);
        if (pose.face() < 0 || pose.face() >= faces.size()) {
            throw new IllegalArgumentException("face " + pose.face() + " of " + faces.size());
        }
        return draw(faces.get(pose.face()), digit, pose);
    }

    private static float[] draw(Face face, int digit, Pose pose) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            Shape glyph = face.glyphs()[digit];
            Shape placed = place(glyph, pose).createTransformedShape(glyph);
            if (face.outlines()) {
                g.fill(placed);
                if (pose.thickness() > 0) {
                    g.setStroke(new BasicStroke((float) pose.thickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(placed);
                }
            } else {
                g.setStroke(new BasicStroke((float) Math.max(0.8, pose.thickness()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(placed);
            }
        } finally {
            g.dispose();
        }
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] out = new float[SIZE * SIZE];
        for (int i = 0; i < out.length; i++) out[i] = (raster[i] & 0xFF) / 255f;
        return out;
    }

    /** Fits the glyph's bounds into a 20-pixel box (times the scale), turned and sheared about its centre. */
    private static AffineTransform place(Shape glyph, Pose pose) {
        Rectangle2D b = glyph.getBounds2D();
        double side = 20 * pose.scale() / Math.max(1e-9, Math.max(b.getHeight(), b.getWidth() * 0.8));
        AffineTransform t = new AffineTransform();
        t.translate(SIZE / 2.0 + pose.dx(), SIZE / 2.0 + pose.dy());
        t.rotate(pose.angle());
        t.shear(pose.shear(), 0);
        t.scale(side, side);
        t.translate(-b.getCenterX(), -b.getCenterY());
        return t;
    }

    /** The usable font families of this machine; empty when Java2D cannot draw text here. */
    private static List<Face> fontFaces() {
        List<Face> candidates = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            if (Boolean.getBoolean("engram.digits.strokes")) return candidates;
            String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
            java.util.Arrays.sort(families);
            FontRenderContext frc = new FontRenderContext(null, true, true);
            for (String family : families) {
                if (NOT_DIGITS.matcher(family.toLowerCase(Locale.ROOT)).matches()) continue;
                Font plain = new Font(family, Font.PLAIN, 64);
                if (plain.canDisplayUpTo("0123456789") != -1) continue;
                Shape[] glyphs = glyphs(plain, frc);
                if (glyphs == null) continue;
                String signature = signature(glyphs);
                if (seen.contains(signature)) continue;
                seen.add(signature);
                candidates.add(new Face(family, glyphs, true));
                Shape[] bold = glyphs(plain.deriveFont(Font.BOLD), frc);
                if (bold != null && !seen.contains(signature(bold))) {
                    seen.add(signature(bold));
                    candidates.add(new Face(family + " Bold", bold, true));
                }
            }
            List<Face> out = new ArrayList<>();
            List<String> families2 = new ArrayList<>();
            for (Face f : looksLikeDigits(candidates)) {
                String family = f.name().endsWith(" Bold") ? f.name().substring(0, f.name().length() - 5) : f.name();
                if (!families2.contains(family)) {
                    if (families2.size() >= MAX_FAMILIES) continue;
                    families2.add(family);
                }
                out.add(f);
            }
            return out;
        } catch (RuntimeException | Error noFonts) {
            // A JRE without fontconfig fonts fails inside Java2D's font setup: the stroke glyphs stand in.
            return new ArrayList<>();
        }
    }

    /**
     * The faces whose glyphs look like the digits they stand for: each face's ten glyphs (blurred) are
     * classified by the nearest mean glyph of all other faces and of the built-in strokes, and a face
     * keeps its place when at least 8 of its 10 are recognised. Fonts that map the digit code points to
     * pictures (dingbats, icons, some symbol fonts under other names) fail; ordinary faces of every
     * style agree with the crowd.
     */
    static List<Face> looksLikeDigits(List<Face> candidates) {
        List<Face> pool = new ArrayList<>(candidates);
        pool.add(new Face("strokes", StrokeGlyphs.all(), false));
        double[][][] img = new double[pool.size()][10][];
        for (int f = 0; f < pool.size(); f++) {
            for (int d = 0; d < 10; d++) {
                img[f][d] = unit(blur(blur(draw(pool.get(f), d, new Pose(0, 0, 0, 1, 0, 0, pool.get(f).outlines() ? 0.5 : 2.2)))));
            }
        }
        List<Face> keep = new ArrayList<>();
        for (int f = 0; f < candidates.size(); f++) {
            double[][] centroid = new double[10][SIZE * SIZE];
            for (int g = 0; g < pool.size(); g++) {
                if (g == f) continue;
                for (int d = 0; d < 10; d++) for (int i = 0; i < SIZE * SIZE; i++) centroid[d][i] += img[g][d][i];
            }
            int recognised = 0;
            for (int d = 0; d < 10; d++) {
                int best = 0;
                double bestScore = -1;
                for (int k = 0; k < 10; k++) {
                    double score = cosine(img[f][d], centroid[k]);
                    if (score > bestScore) {
                        bestScore = score;
                        best = k;
                    }
                }
                if (best == d) recognised++;
            }
            if (recognised >= 8) keep.add(candidates.get(f));
        }
        return keep;
    }

    private static double[] blur(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return blur(d);
    }

    private static double[] blur(double[] x) {
        double[] out = new double[x.length];
        for (int y = 0; y < SIZE; y++) {
            for (int c = 0; c < SIZE; c++) {
                double s = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy, xx = c + dx;
                        if (yy < 0 || xx < 0 || yy >= SIZE || xx >= SIZE) continue;
                        s += x[yy * SIZE + xx];
                        n++;
                    }
                }
                out[y * SIZE + c] = s / n;
            }
        }
        return out;
    }

    private static double[] unit(double[] x) {
        double n = 0;
        for (double v : x) n += v * v;
        n = Math.sqrt(n);
        for (int i = 0; i < x.length; i++) x[i] = n == 0 ? 0 : x[i] / n;
        return x;
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            bb += b[i] * b[i];
        }
        return bb == 0 ? 0 : ab / Math.sqrt(bb);
    }

    /** The ten glyph outlines of {@code font}, or null when a digit draws nothing or two digits draw the same. */
    private static Shape[] glyphs(Font font, FontRenderContext frc) {
        Shape[] g = new Shape[10];
        List<String> shapes = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            g[d] = font.createGlyphVector(frc, Character.toString('0' + d)).getOutline();
            Rectangle2D b = g[d].getBounds2D();
            if (b.isEmpty() || b.getHeight() < 1) return null;
            String s = coarse(g[d]);
            if (shapes.contains(s)) return null; // a missing-glyph box for every digit
            shapes.add(s);
        }
        return g;
    }

    private static String signature(Shape[] glyphs) {
        StringBuilder s = new StringBuilder();
        for (Shape g : glyphs) s.append(boundsText(g.getBounds2D())).append(coarse(g)).append(';');
        return s.toString();
    }

    /** The glyph sampled on a 12x12 grid over its bounds: tells glyphs apart where their boxes agree. */
    private static String coarse(Shape glyph) {
        Rectangle2D b = glyph.getBounds2D();
        StringBuilder s = new StringBuilder(144);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                s.append(glyph.contains(b.getX() + (x + 0.5) * b.getWidth() / 12, b.getY() + (y + 0.5) * b.getHeight() / 12) ? '#' : '.');
            }
        }
        return s.toString();
    }

    private static String boundsText(Rectangle2D b) {
        return String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    /** Digits as pen strokes in a box 0..6 wide and 0..10 high (y down), for machines without fonts. */
    static final class StrokeGlyphs {
        private StrokeGlyphs() {}

        static Shape[] all() {
            Shape[] g = new Shape[10];
            for (int d = 0; d < 10; d++) g[d] = digit(d);
            return g;
        }

        private static Shape digit(int d) {
            Path2D.Double p = new Path2D.Double();
            switch (d) {
                case 0 -> p.append(new Arc2D.Double(0, 0, 6, 10, 0, 360, Arc2D.OPEN), false);
                case 1 -> {
                    p.moveTo(1.5, 2);
                    p.lineTo(3.5, 0);
                    p.lineTo(3.5, 10);
                }
                case 2 -> {
                    p.append(new Arc2D.Double(0, 0, 6, 6, 160, -190, Arc2D.OPEN), false);
                    p.lineTo(0, 10);
                    p.lineTo(6, 10);
                }
                case 3 -> {
                    p.append(new Arc2D.Double(0.3, 0, 5.4, 5, 150, -240, Arc2D.OPEN), false);
                    p.append(new Arc2D.Double(0, 5, 6, 5, 90, -250, Arc2D.OPEN), true);
                }
                case 4 -> {
                    p.moveTo(4.5, 10);
                    p.lineTo(4.5, 0);
                    p.lineTo(0, 7);
                    p.lineTo(6, 7);
                }
                case 5 -> {
                    p.moveTo(5.5, 0);
                    p.lineTo(1, 0);
                    p.lineTo(0.5, 4.6);
                    p.append(new Arc2D.Double(0, 3.6, 6, 6.4, 130, -280, Arc2D.OPEN), true);
                }
                case 6 -> {
                    p.moveTo(5.2, 0.3);
                    p.quadTo(0.2, 1.5, 0.1, 7.2);
                    p.append(new Arc2D.Double(0, 4.5, 6, 5.5, 0, 360, Arc2D.OPEN), false);
                }
                case 7 -> {
                    p.moveTo(0, 0);
                    p.lineTo(6, 0);
                    p.lineTo(2, 10);
                }
                case 8 -> {
                    p.append(new Arc2D.Double(0.5, 0, 5, 4.6, 0, 360, Arc2D.OPEN), false);
                    p.append(new Arc2D.Double(0, 4.6, 6, 5.4, 0, 360, Arc2D.OPEN), false);
                }
                default -> {
                    p.append(new Arc2D.Double(0, 0, 6, 5.5, 0, 360, Arc2D.OPEN), false);
                    p.moveTo(6, 2.75);
                    p.quadTo(6.2, 8.5, 1.5, 10);
                }
            }
            return p;
        }
    }
}
