package dev.engram.snn.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Zero-shot classification by cosine similarity between a sample's {@link ContrastiveHead} embedding
 * and one prototype per class (the normalised mean embedding of that class's examples). The examples
 * may belong to classes the head never saw; a class without examples gets a zero prototype and is
 * never predicted unless every score ties.
 */
public final class PrototypeClassifier implements Classifier {
    static final int TAG = 3;
    static final int VERSION = 1;

    private final ContrastiveHead head;
    private final double[][] prototypes;

    PrototypeClassifier(ContrastiveHead head, double[][] prototypes) {
        this.head = head;
        this.prototypes = prototypes;
    }

    /** Prototypes from labelled examples embedded by {@code head}. */
    public static PrototypeClassifier of(ContrastiveHead head, float[][] examples, int[] labels, int classes) {
        double[][] proto = new double[classes][head.dimension()];
        for (int i = 0; i < examples.length; i++) {
            double[] e = head.embed(examples[i]);
            double[] p = proto[labels[i]];
            for (int k = 0; k < e.length; k++) p[k] += e[k];
        }
        for (double[] p : proto) ContrastiveHead.normalize(p);
        return new PrototypeClassifier(head, proto);
    }

    public ContrastiveHead head() { return head; }

    @Override
    public int classes() { return prototypes.length; }

    @Override
    public int dimension() { return head.inputDimension(); }

    /** Cosine similarity to each class prototype. */
    @Override
    public double[] scores(float[] features) {
        double[] e = head.embed(features);
        double[] s = new double[prototypes.length];
        for (int c = 0; c < s.length; c++) s[c] = DenseMath.dot(prototypes[c], e);
        return s;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Readouts.writeHeader(out, TAG, VERSION);
        head.write(out);
        Readouts.writeMatrix(out, prototypes);
    }

    static PrototypeClassifier readBody(DataInput in, int version) throws IOException {
        if (version != VERSION) throw new IOException("unsupported prototype classifier version " + version);
        ContrastiveHead head = ContrastiveHead.read(in);
        double[][] proto = Readouts.readMatrix(in);
        if (proto.length > 0 && proto[0].length != head.dimension()) throw new IOException("inconsistent prototype shapes");
        return new PrototypeClassifier(head, proto);
    }
}
