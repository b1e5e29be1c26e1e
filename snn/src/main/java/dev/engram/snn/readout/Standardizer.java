package dev.engram.snn.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per-feature standardisation fitted on training data: {@code z = (x - mean) / std}. Features that are
 * constant in the training data get a scale of 0 (they carry no information and stay 0).
 */
public final class Standardizer {
    final double[] mean;
    final double[] scale;

    Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    public static Standardizer fit(float[][] x) {
        int d = x[0].length;
        double[] mean = means(x);
        double[] sq = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                sq[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(sq[j] / x.length);
            scale[j] = sd > 1e-12 ? 1.0 / sd : 0.0;
        }
        return new Standardizer(mean, scale);
    }

    /** Centring only: the training means are subtracted, every scale is 1. */
    public static Standardizer centre(float[][] x) {
        double[] scale = new double[x[0].length];
        java.util.Arrays.fill(scale, 1.0);
        return new Standardizer(means(x), scale);
    }

    private static double[] means(float[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= x.length;
        return mean;
    }

    public int dimension() { return mean.length; }

    public double[] apply(float[] x) {
        double[] z = new double[mean.length];
        for (int j = 0; j < z.length; j++) z[j] = (x[j] - mean[j]) * scale[j];
        return z;
    }

    public double[][] apply(float[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) z[i] = apply(x[i]);
        return z;
    }

    /** Writes means and scales; {@link #read} reads them back. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(mean.length);
        for (int j = 0; j < mean.length; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(scale[j]);
        }
    }

    /** Reads what {@link #write} wrote; an implausible dimension raises {@link IOException}. */
    public static Standardizer read(DataInput in) throws IOException {
        int d = Readouts.checkedLength(in.readInt(), "feature dimension");
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = in.readDouble();
            scale[j] = in.readDouble();
        }
        return new Standardizer(mean, scale);
    }
}
