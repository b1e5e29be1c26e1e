package dev.engram.snn.zeroshot;

import dev.engram.snn.OptionSet;
import dev.engram.snn.readout.Standardizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Trains an audio head and a vision head together ({@link ZeroShotOptions}): each step draws
 * {@code zeroshot.batch} classes uniformly from those both modalities have, one audio and one vision
 * sample of each, and takes an AdamW step on the symmetric InfoNCE loss ({@link CrossModalLoss}) of
 * their embeddings. Seeded ({@code zeroshot.seed}): the same features, labels and options give the
 * same heads. The heads only ever see the classes in the labels given, so classes left out of training
 * stay unseen.
 */
public final class CrossModalTrainer {
    private CrossModalTrainer() {}

    /**
     * @param audio audio features (rows) with classes {@code audioClass}
     * @param vision vision features with classes {@code visionClass}
     * @throws IllegalArgumentException when the modalities share no class
     */
    public static CrossModalHeads train(float[][] audio, int[] audioClass, float[][] vision, int[] visionClass, OptionSet o) {
        TreeSet<Integer> shared = new TreeSet<>();
        for (int c : audioClass) shared.add(c);
        TreeSet<Integer> v = new TreeSet<>();
        for (int c : visionClass) v.add(c);
        shared.retainAll(v);
        if (shared.isEmpty()) throw new IllegalArgumentException("audio and vision training samples share no class");
        int[] classes = shared.stream().mapToInt(Integer::intValue).toArray();
        List<int[]> audioOf = members(audioClass, classes), visionOf = members(visionClass, classes);

        SplittableRandom rnd = new SplittableRandom(o.get(ZeroShotOptions.SEED));
        int dim = o.get(ZeroShotOptions.DIM), hidden = o.get(ZeroShotOptions.HIDDEN);
        Standardizer sa = Standardizer.fit(audio), sv = Standardizer.fit(vision);
        ProjectionHead ha = ProjectionHead.init(sa, hidden, dim, rnd.split());
        ProjectionHead hv = ProjectionHead.init(sv, hidden, dim, rnd.split());
        double[][] za = sa.apply(audio), zv = sv.apply(vision);
        int batch = Math.max(2, o.get(ZeroShotOptions.BATCH));
        double tau = o.get(ZeroShotOptions.TEMPERATURE);
        Adam adamA = new Adam(ha, o), adamV = new Adam(hv, o);
        int steps = o.get(ZeroShotOptions.STEPS);
        double[][] ea = new double[batch][], ev = new double[batch][];
        double[][] ga = new double[batch][dim], gv = new double[batch][dim];
        int[] ca = new int[batch];
        double[][] xa = new double[batch][], xv = new double[batch][];
        double[] gradA = new double[ha.params.length], gradV = new double[hv.params.length];
        for (int step = 0; step < steps; step++) {
            for (int b = 0; b < batch; b++) {
                int c = rnd.nextInt(classes.length);
                int[] as = audioOf.get(c), vs = visionOf.get(c);
                ca[b] = classes[c];
                xa[b] = za[as[rnd.nextInt(as.length)]];
                xv[b] = zv[vs[rnd.nextInt(vs.length)]];
            }
            ProjectionHead.Pass[] pa = ha.forward(xa), pv = hv.forward(xv);
            for (int b = 0; b < batch; b++) {
                ea[b] = pa[b].e;
                ev[b] = pv[b].e;
            }
            CrossModalLoss.value(ea, ca, ev, ca, tau, ga, gv);
            java.util.Arrays.fill(gradA, 0);
            java.util.Arrays.fill(gradV, 0);
            ha.backward(pa, ga, gradA);
            hv.backward(pv, gv, gradV);
            adamA.step(gradA);
            adamV.step(gradV);
        }
        return new CrossModalHeads(ha, hv);
    }

    private static List<int[]> members(int[] labels, int[] classes) {
        List<int[]> out = new ArrayList<>();
        for (int c : classes) {
            int n = 0;
            for (int l : labels) if (l == c) n++;
            int[] m = new int[n];
            int k = 0;
            for (int i = 0; i < labels.length; i++) if (labels[i] == c) m[k++] = i;
            out.add(m);
        }
        return out;
    }

    /** AdamW over one head's flat parameters; weight decay on weights only. */
    private static final class Adam {
        private final ProjectionHead head;
        private final double[] m, v;
        private final double lr, decay;
        private long t;

        Adam(ProjectionHead head, OptionSet o) {
            this.head = head;
            this.m = new double[head.params.length];
            this.v = new double[head.params.length];
            this.lr = o.get(ZeroShotOptions.LEARNING_RATE);
            this.decay = o.get(ZeroShotOptions.WEIGHT_DECAY);
        }

        void step(double[] g) {
            t++;
            double b1 = 0.9, b2 = 0.999, eps = 1e-8;
            double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
            double[] p = head.params;
            for (int i = 0; i < p.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
                if (decay > 0 && head.isWeight(i)) update += decay * p[i];
                p[i] -= lr * update;
            }
        }
    }
}
