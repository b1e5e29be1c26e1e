package dev.engram.tta;

/**
 * A seeded generator whose whole state is one long (SplitMix64), so streams of corruptions and
 * adaptation state can be reproduced and snapshotted bit-exactly; {@link java.util.Random} hides its
 * state and its Gaussian cache.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one item of a seeded family, independent of the order items are drawn in. */
    public static SeededRandom forItem(long seed, long... salts) {
        long s = mix(seed ^ 0x2545F4914F6CDD1DL);
        for (long salt : salts) s = mix(s ^ (salt * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        return new SeededRandom(s);
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Standard normal by Box-Muller (no cached second value, so the state stays one long). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Poisson with mean {@code lambda}: Knuth's product method up to 30, a rounded normal above. */
    public int nextPoisson(double lambda) {
        if (lambda <= 0) return 0;
        if (lambda > 30) return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * nextGaussian()));
        double limit = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /** Fills {@code out} with a random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
