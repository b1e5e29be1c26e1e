package dev.engram.snn.zeroshot;

import dev.engram.memory.StateFiles;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import java.io.BufferedInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code engram events zeroshot --save-model} writes for the multimodal job: per modality the
 * reservoir's LSM options (seed included; the reservoir is rebuilt from them bit-identically) and
 * sensor size, the two projection heads, and class anchors: per class the normalised mean embedding
 * of that class's samples in each modality (unseen classes included: anchors are averages of
 * embeddings, the heads never trained on them). A sample of one modality is predicted as the class
 * whose anchor of the other modality is most similar: zero-shot for classes the heads never saw.
 *
 * <p>File layout, version 1: magic {@code "ZSMD"}, version, then per modality (vision, audio) the LSM
 * options as key/value text and the sensor width and height, the heads ({@link CrossModalHeads#write}),
 * the class count and, per class, a presence flag and the vision and audio anchors. Failure: another
 * magic or version, an unknown option key, heads that do not fit the reservoirs' features, or a short
 * file raise {@link IOException}.
 */
public final class ZeroShotModel {
    static final int MAGIC = 0x5A534D44; // "ZSMD"
    static final int VERSION = 1;

    /** A modality's reservoir: options and sensor size. */
    public record Side(OptionSet lsm, int width, int height) {
        public LifReservoir build() {
            return LifReservoir.build(lsm, width, height);
        }
    }

    private final Side vision;
    private final Side audio;
    private final CrossModalHeads heads;
    /** Per class (index = class label): unit anchors, or null for a class without samples. */
    private final double[][] visionAnchors;
    private final double[][] audioAnchors;

    public ZeroShotModel(Side vision, Side audio, CrossModalHeads heads, double[][] visionAnchors, double[][] audioAnchors) {
        this.vision = vision;
        this.audio = audio;
        this.heads = heads;
        this.visionAnchors = visionAnchors;
        this.audioAnchors = audioAnchors;
        int dv = LifReservoir.featureDimension(vision.lsm, vision.width, vision.height);
        int da = LifReservoir.featureDimension(audio.lsm, audio.width, audio.height);
        if (heads.vision().inputDimension() != dv || heads.audio().inputDimension() != da) {
            throw new IllegalArgumentException("heads take " + heads.vision().inputDimension() + " and " + heads.audio().inputDimension()
                    + " features but the reservoirs make " + dv + " and " + da);
        }
        if (visionAnchors.length != audioAnchors.length) throw new IllegalArgumentException("anchor tables differ in length");
    }

    public Side vision() { return vision; }
    public Side audio() { return audio; }
    public CrossModalHeads heads() { return heads; }
    public int classes() { return visionAnchors.length; }

    /** Normalised mean embedding of each class's rows ({@code classes} entries; null where a class has none). */
    public static double[][] anchors(double[][] embeddings, int[] labels, int classes) {
        double[][] a = new double[classes][];
        for (int i = 0; i < embeddings.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) continue;
            if (a[c] == null) a[c] = new double[embeddings[i].length];
            for (int k = 0; k < embeddings[i].length; k++) a[c][k] += embeddings[i][k];
        }
        for (double[] v : a) {
            if (v == null) continue;
            double n = 0;
            for (double x : v) n += x * x;
            n = Math.sqrt(n);
            if (n > 0) for (int k = 0; k < v.length; k++) v[k] /= n;
        }
        return a;
    }

    /** Similarity of an audio embedding to each class's vision anchor (NaN for a class without one). */
    public double[] scoresForAudio(double[] audioEmbedding) {
        return scores(audioEmbedding, visionAnchors);
    }

    /** Similarity of a vision embedding to each class's audio anchor (NaN for a class without one). */
    public double[] scoresForVision(double[] visionEmbedding) {
        return scores(visionEmbedding, audioAnchors);
    }

    private static double[] scores(double[] e, double[][] anchors) {
        double[] s = new double[anchors.length];
        for (int c = 0; c < s.length; c++) s[c] = anchors[c] == null ? Double.NaN : CrossModalLoss.dot(e, anchors[c]);
        return s;
    }

    /** The best-scoring class, skipping NaN; -1 when none has a score. */
    public static int argmax(double[] scores) {
        int best = -1;
        for (int c = 0; c < scores.length; c++) if (!Double.isNaN(scores[c]) && (best < 0 || scores[c] > scores[best])) best = c;
        return best;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeSide(out, vision);
        writeSide(out, audio);
        heads.write(out);
        out.writeInt(visionAnchors.length);
        for (int c = 0; c < visionAnchors.length; c++) {
            writeAnchor(out, visionAnchors[c]);
            writeAnchor(out, audioAnchors[c]);
        }
    }

    public static ZeroShotModel read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) throw new IOException("not an Engram zero-shot model (magic " + Integer.toHexString(magic) + ")");
        int version = in.readInt();
        if (version != VERSION) throw new IOException("unsupported zero-shot model version " + version + " (this build reads 1)");
        Side v = readSide(in), a = readSide(in);
        CrossModalHeads heads = CrossModalHeads.read(in);
        int classes = in.readInt();
        if (classes < 1 || classes > 1 << 16) throw new IOException("implausible class count " + classes);
        double[][] va = new double[classes][], aa = new double[classes][];
        for (int c = 0; c < classes; c++) {
            va[c] = readAnchor(in, heads.vision().dimension());
            aa[c] = readAnchor(in, heads.audio().dimension());
        }
        try {
            return new ZeroShotModel(v, a, heads, va, aa);
        } catch (IllegalArgumentException e) {
            throw new IOException("zero-shot model: " + e.getMessage(), e);
        }
    }

    private static void writeSide(DataOutput out, Side s) throws IOException {
        Map<String, String> text = optionText(s.lsm);
        out.writeInt(text.size());
        for (Map.Entry<String, String> e : text.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(s.width);
        out.writeInt(s.height);
    }

    private static Side readSide(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1000) throw new IOException("implausible option count " + n);
        OptionSet o = LsmOptions.defaults();
        try {
            for (int i = 0; i < n; i++) o = o.withText(in.readUTF(), in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("zero-shot model: " + e.getMessage(), e);
        }
        int w = in.readInt(), h = in.readInt();
        if (w <= 0 || h <= 0 || w > 1 << 16 || h > 1 << 16) throw new IOException("implausible sensor size " + w + "x" + h);
        return new Side(o, w, h);
    }

    /** Options as key to text, in declaration order. */
    public static Map<String, String> optionText(OptionSet o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.asMap().forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }

    private static void writeAnchor(DataOutput out, double[] a) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) for (double v : a) out.writeDouble(v);
    }

    private static double[] readAnchor(DataInput in, int dim) throws IOException {
        if (!in.readBoolean()) return null;
        double[] a = new double[dim];
        for (int k = 0; k < dim; k++) a[k] = in.readDouble();
        return a;
    }

    public byte[] toBytes() {
        return StateFiles.toBytes(this::write);
    }

    public static ZeroShotModel fromBytes(byte[] bytes) throws IOException {
        return StateFiles.fromBytes(bytes, ZeroShotModel::read);
    }

    /** Writes the model to {@code file} through a temporary file, so a crash leaves no half model. */
    public void save(Path file) throws IOException {
        StateFiles.writeAtomically(file, this::write);
    }

    /** Whether {@code file} begins as a zero-shot model does (false for a missing, unreadable or shorter file). */
    public static boolean isModelFile(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return in.readInt() == MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a model file; the message names the file when it is missing or unreadable. */
    public static ZeroShotModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such model file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(new DataInputStream(in));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
