package dev.engram.operators.events;

import dev.engram.memory.StateFiles;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.Classifier;
import dev.engram.snn.readout.Readouts;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained event classifier as saved by {@code engram events eval --save-model} and loaded by
 * {@code engram events run --model}: the reservoir's options and sensor size (the reservoir itself is
 * rebuilt from them, bit-identically, since it is seeded) and the readout trained on its features.
 *
 * <p>File layout, version 1: magic {@code "EVMD"}, version, the number of LSM options, then each as
 * key and value text, sensor width and height, then the readout in its own versioned layout
 * ({@link Readouts#read}). Failure: another magic, an unknown version, an unknown option key, a
 * readout whose feature size does not match the reservoir, or a short file raise {@link IOException}.
 */
public final class EventModel {
    static final int MAGIC = 0x45564D44; // "EVMD"
    static final int VERSION = 1;

    private final OptionSet lsm;
    private final int sensorWidth;
    private final int sensorHeight;
    private final Classifier readout;

    public EventModel(OptionSet lsm, int sensorWidth, int sensorHeight, Classifier readout) {
        this.lsm = Objects.requireNonNull(lsm, "lsm options");
        this.sensorWidth = sensorWidth;
        this.sensorHeight = sensorHeight;
        this.readout = Objects.requireNonNull(readout, "readout");
        if (sensorWidth <= 0 || sensorHeight <= 0) throw new IllegalArgumentException("sensor size must be positive");
    }

    /** The model of a trained reservoir and its readout. */
    public static EventModel of(LifReservoir reservoir, Classifier readout) {
        return new EventModel(reservoir.options(), reservoir.sensorWidth(), reservoir.sensorHeight(), readout);
    }

    public OptionSet lsm() { return lsm; }
    public int sensorWidth() { return sensorWidth; }
    public int sensorHeight() { return sensorHeight; }
    public Classifier readout() { return readout; }

    /** The LSM options as key to text, in declaration order (how they travel in files and state). */
    public static Map<String, String> optionText(OptionSet options) {
        Map<String, String> m = new LinkedHashMap<>();
        options.asMap().forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }

    /** LSM options from {@link #optionText}; unknown keys are refused. */
    public static OptionSet lsmOptions(Map<String, String> text) {
        OptionSet o = LsmOptions.defaults();
        for (Map.Entry<String, String> e : text.entrySet()) o = o.withText(e.getKey(), e.getValue());
        return o;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        Map<String, String> text = optionText(lsm);
        out.writeInt(text.size());
        for (Map.Entry<String, String> e : text.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(sensorWidth);
        out.writeInt(sensorHeight);
        readout.write(out);
    }

    public static EventModel read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) throw new IOException("not an Engram event model (magic " + Integer.toHexString(magic) + ")");
        int version = in.readInt();
        if (version != VERSION) throw new IOException("unsupported event model version " + version + " (this build reads 1)");
        int count = in.readInt();
        if (count < 0 || count > 1000) throw new IOException("implausible option count " + count);
        Map<String, String> text = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) text.put(in.readUTF(), in.readUTF());
        OptionSet lsm;
        try {
            lsm = lsmOptions(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("event model: " + e.getMessage(), e);
        }
        int w = in.readInt();
        int h = in.readInt();
        if (w <= 0 || h <= 0 || w > 1 << 16 || h > 1 << 16) throw new IOException("implausible sensor size " + w + "x" + h);
        Classifier readout = Readouts.read(in);
        int expected;
        try {
            expected = LifReservoir.featureDimension(lsm, w, h);
        } catch (IllegalArgumentException e) {
            throw new IOException("event model: " + e.getMessage(), e);
        }
        if (readout.dimension() != expected) {
            throw new IOException("readout expects " + readout.dimension() + " features but the reservoir makes " + expected);
        }
        return new EventModel(lsm, w, h, readout);
    }

    public byte[] toBytes() {
        return StateFiles.toBytes(this::write);
    }

    public static EventModel fromBytes(byte[] bytes) throws IOException {
        return StateFiles.fromBytes(bytes, EventModel::read);
    }

    /** Writes the model to {@code file} (through a temp file, so a crash leaves no half model). */
    public void save(Path file) throws IOException {
        StateFiles.writeAtomically(file, this::write);
    }

    /** Reads a model file; the message names the file when it is missing or unreadable. */
    public static EventModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such model file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(new DataInputStream(new java.io.BufferedInputStream(in)));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
