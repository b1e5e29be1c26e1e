package dev.engram.tta.data;

import dev.engram.tta.SeededRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A camera that keeps showing digits moving through its view while the weather drifts: shot
 * {@code i} is a rendered digit ({@link DigitRenderer}) whose pose wanders along slow sine paths
 * (plus a per-shot jitter), seen through the weather of its spell. Spells last
 * {@code shotsPerSpell} shots and follow {@link #SPELLS} (clean, fog, snow, Gaussian noise, then the
 * other corruptions in their usual order), over and over; every corruption is applied at
 * {@code severity}. Labels are known, so a classifier's error on the stream can be measured.
 *
 * <p>Every shot is a pure function of its index (and the seed), so a stream can be replayed or
 * resumed at any position.
 */
public final class DigitCamera {
    /** The weather spells in order; {@code null} is clear weather. */
    public static final List<Corruption> SPELLS;

    static {
        List<Corruption> s = new ArrayList<>();
        s.add(null);
        s.add(Corruption.FOG);
        s.add(Corruption.SNOW);
        s.add(Corruption.GAUSSIAN_NOISE);
        for (Corruption c : Corruption.values()) if (!s.contains(c)) s.add(c);
        SPELLS = Collections.unmodifiableList(s);
    }

    /** What the camera looks through: a corruption at a severity, or clear weather ({@code corruption == null}). */
    public record Weather(Corruption corruption, int severity) {
        /** {@code clean}, or the corruption id at its severity, e.g. {@code fog@3}. */
        public String id() {
            return corruption == null ? "clean" : corruption.id() + "@" + severity;
        }
    }

    /** One shot: the digit shown, the weather it was seen through and the 28x28 pixels the camera delivers. */
    public record Shot(long index, int label, Weather weather, float[] pixels) {}

    private final DigitRenderer renderer;
    private final long seed;
    private final int severity;
    private final long shotsPerSpell;

    public DigitCamera(DigitRenderer renderer, long seed, int severity, long shotsPerSpell) {
        if (severity < 1 || severity > 5) throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        if (shotsPerSpell < 1) throw new IllegalArgumentException("shots per spell must be at least 1, got " + shotsPerSpell);
        this.renderer = renderer;
        this.seed = seed;
        this.severity = severity;
        this.shotsPerSpell = shotsPerSpell;
    }

    public Weather weather(long index) {
        Corruption c = SPELLS.get((int) ((index / shotsPerSpell) % SPELLS.size()));
        return new Weather(c, severity);
    }

    public Shot shot(long index) {
        SeededRandom rnd = SeededRandom.forItem(seed, 11, index);
        int label = rnd.nextInt(10);
        DigitRenderer.Pose jitter = renderer.randomPose(rnd);
        // The digit drifts across the view along slow sine paths; the jitter keeps shots of a spell diverse.
        double dx = 0.5 * jitter.dx() + 2.0 * Math.sin(index * 2 * Math.PI / 120);
        double dy = 0.5 * jitter.dy() + 1.5 * Math.sin(index * 2 * Math.PI / 90 + 1);
        double angle = 0.6 * jitter.angle() + Math.toRadians(8) * Math.sin(index * 2 * Math.PI / 150);
        DigitRenderer.Pose pose = new DigitRenderer.Pose(jitter.face(), angle, jitter.shear(), jitter.scale(), dx, dy,
                jitter.thickness());
        float[] clean = renderer.render(label, pose);
        Weather w = weather(index);
        float[] seen = w.corruption() == null ? clean
                : w.corruption().apply(clean, DigitRenderer.SIZE, DigitRenderer.SIZE, severity, seed, index);
        return new Shot(index, label, w, seen);
    }

    public long shotsPerSpell() {
        return shotsPerSpell;
    }
}
