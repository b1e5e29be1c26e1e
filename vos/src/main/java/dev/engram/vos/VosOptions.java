package dev.engram.vos;

import dev.engram.memory.MemoryBankOptions;
import dev.engram.memory.MemoryBudget;
import dev.engram.memory.Option;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every option of online video object segmentation, declared once with key, default and doc.
 * Instances are immutable; {@link #with} returns a copy.
 */
public final class VosOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Option<Long> MEMORY_BUDGET = Option.ofBytes("vos.memory-budget", 16L << 20,
            "Byte budget per stream for the learner's whole state (maps, models, frame memory, GRCL states); never exceeded.");
    public static final Option<String> POLICY = Option.ofString("vos.policy", "rmscl",
            "Frame-memory selection policy: fifo (LWL weighted FIFO), reservoir, or rmscl (reconstruction-based).");
    public static final Option<Boolean> GRCL = Option.ofBoolean("vos.grcl", true,
            "Gated-regularizer continual learning: pull the target model toward stored earlier states.");
    public static final Option<Long> SEED = Option.ofLong("vos.seed", 42L,
            "Seed for every random choice of a stream (sampling, reservoir); same seed, same masks.");
    public static final Option<Integer> UPDATE_EVERY = Option.ofInt("vos.update-every", 5,
            "Update the target model from confident predictions every k frames.");
    public static final Option<Boolean> ONLINE_UPDATES = Option.ofBoolean("vos.online-updates", true,
            "Learn online from the model's own confident predictions (off: first-frame model only).");
    public static final Option<Integer> MAX_OBJECTS = Option.ofInt("vos.max-objects", 4,
            "Most objects one stream may track; fixed per-object state is reserved for this many, the frame memory is shared by those that exist.");
    public static final Option<Double> GRCL_STRENGTH = Option.ofDouble("vos.grcl-strength", 0.05,
            "Weight of the GRCL penalty, a mean over the stored model states, pulling gated parameters toward them.");
    public static final Option<Integer> WORK_SIDE = Option.ofInt("vos.work-side", 428,
            "Longer side, in pixels, of the working resolution features, flow and model run at.");
    public static final Option<String> FLOW_PRESET = Option.of("vos.flow-preset", String.class, "medium",
            "Preset of the DIS optical flow that carries masks from frame to frame: ultrafast, fast or medium (slower, finer).",
            s -> {
                String t = s.strip().toLowerCase(java.util.Locale.ROOT);
                flowPreset(t); // refuses an unknown preset when it is set
                return t;
            });
    public static final Option<Integer> FLOW_REFINEMENT = Option.of("vos.flow-refinement", Integer.class, 0,
            "Variational refinement iterations of the DIS flow at each scale (its dearest step; 0 was the most accurate out of fold; -1 = the preset's own: 0 for ultrafast, 5 for fast and medium).",
            s -> intAtLeast("vos.flow-refinement", s, -1));
    public static final Option<Integer> FLOW_PATCH_STRIDE = Option.of("vos.flow-patch-stride", Integer.class, -1,
            "Distance in pixels between the DIS flow's patches (larger is faster and coarser; -1 = the preset's own: 4 for ultrafast and fast, 3 for medium).",
            s -> {
                int n = Integer.parseInt(s.strip());
                if (n < -1 || n == 0) throw new IllegalArgumentException("vos.flow-patch-stride must be -1 or >= 1, got " + n);
                return n;
            });
    public static final Option<Boolean> EDGE_REFINEMENT = Option.ofBoolean("vos.edge-refinement", true,
            "Snap upsampled masks to the frame's edges with a guided filter (better boundaries, ~10 ms per frame).");
    public static final Option<Boolean> ANCHOR = Option.ofBoolean("vos.anchor", true,
            "Re-align each object's annotated mask to the current frame when the view returns to the annotated one (one more optical flow per frame).");
    public static final Option<String> BACKBONE = Option.of("vos.backbone", String.class, "packaged",
            "Feature backbone: packaged (the ImageNet MobileNetV2 fetched by vos/fetch-backbone.sh; weights-free when absent), "
                    + "an .onnx file, a TF.js layers model folder, a TorchScript .pt file or DJL model folder; none or empty = built-in features only.",
            s -> s.strip().equalsIgnoreCase("none") ? "" : s.strip());
    public static final Option<Integer> BACKBONE_DIMS = Option.ofInt("vos.backbone-dims", 32,
            "Features per pixel a backbone adds (a seeded random projection of its output maps).");
    public static final Option<Integer> BACKBONE_SIDE = Option.ofInt("vos.backbone-side", 0,
            "Longer side, in pixels, of the image a backbone sees; 0 = the working resolution.");
    public static final Option<Integer> WARM_UP_FRAMES = Option.of("vos.warm-up-frames", Integer.class, 12,
            "Generated frames the segmentation operator segments once, before its first frame (at that frame's size, with "
                    + "its stream's options), so streams do not start at the speed of a cold JVM; 0 = none. Changes no result.",
            s -> intAtLeast("vos.warm-up-frames", s, 0));

    /** The learner's own options, then the memory bank's ({@link MemoryBankOptions}), which its memories are built from. */
    public static final List<Option<?>> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(MEMORY_BUDGET, POLICY,
            GRCL, SEED, UPDATE_EVERY, ONLINE_UPDATES, MAX_OBJECTS, GRCL_STRENGTH, WORK_SIDE, FLOW_PRESET, FLOW_REFINEMENT, FLOW_PATCH_STRIDE,
            EDGE_REFINEMENT, ANCHOR, BACKBONE, BACKBONE_DIMS, BACKBONE_SIDE, WARM_UP_FRAMES), MemoryBankOptions.ALL.stream()).toList();

    /** An integer option's text, refused below its smallest allowed value. */
    private static int intAtLeast(String key, String text, int min) {
        int n = Integer.parseInt(text.strip());
        if (n < min) throw new IllegalArgumentException(key + " must be >= " + min + ", got " + n);
        return n;
    }

    /** OpenCV's DIS preset number of a {@link #FLOW_PRESET} value: 0 ultrafast, 1 fast, 2 medium. */
    public static int flowPreset(String name) {
        return switch (name) {
            case "ultrafast" -> 0;
            case "fast" -> 1;
            case "medium" -> 2;
            default -> throw new IllegalArgumentException("unknown flow preset '" + name + "' (ultrafast, fast, medium)");
        };
    }

    private final Map<String, Object> values;

    private VosOptions(Map<String, Object> values) {
        this.values = values;
    }

    public static VosOptions defaults() {
        return new VosOptions(new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object v = values.get(option.key());
        return v == null ? option.defaultValue() : (T) v;
    }

    public <T> VosOptions with(Option<T> option, T value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(option.key(), option.type().cast(value));
        return new VosOptions(copy);
    }

    /** Sets an option from its text form, e.g. from a CLI flag or a config file. */
    public VosOptions withText(String key, String text) {
        for (Option<?> o : ALL) {
            if (o.key().equals(key)) return withParsed(o, text);
        }
        throw new IllegalArgumentException("unknown option '" + key + "'");
    }

    private <T> VosOptions withParsed(Option<T> o, String text) {
        return with(o, o.parse(text));
    }

    /**
     * These options with {@code vos.backbone=packaged} replaced by empty (weights-free) when the
     * packaged backbone is not in the cache folder, saying so once per JVM; otherwise unchanged.
     */
    public VosOptions resolvedBackbone() {
        if (!dev.engram.vos.features.PackagedBackbone.NAME.equals(get(BACKBONE).strip())) return this;
        if (dev.engram.vos.features.PackagedBackbone.present()) return this;
        dev.engram.vos.features.PackagedBackbone.warnAbsentOnce();
        return with(BACKBONE, "");
    }

    /** What the JSON reports call {@code "backbone"}: {@code none}, {@code packaged:<folder>} or the file name. */
    public String backboneName() {
        String b = get(BACKBONE).strip();
        if (b.isEmpty()) return "none";
        if (b.equals(dev.engram.vos.features.PackagedBackbone.NAME)) {
            return "packaged:nsfwjs@4.4.0 mobilenet_v2 block_10 (side " + get(BACKBONE_SIDE) + ", " + get(BACKBONE_DIMS) + " dims)";
        }
        return java.nio.file.Path.of(b).getFileName() + " (side " + get(BACKBONE_SIDE) + ", " + get(BACKBONE_DIMS) + " dims)";
    }

    public MemoryBudget memoryBudget() {
        return MemoryBudget.ofBytes(get(MEMORY_BUDGET));
    }

    /** Writes every option as key/text pairs so a restored stream keeps its configuration. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(ALL.size());
        for (Option<?> o : ALL) {
            out.writeUTF(o.key());
            out.writeUTF(String.valueOf(get(o)));
        }
    }

    /** The value an option takes when restored from a state written before the option existed. */
    private record Predating<T>(Option<T> option, T value) {
        VosOptions apply(VosOptions o) { return o.with(option, value); }
    }

    /**
     * Options whose default is not what builds before them ran: FLOW_REFINEMENT (-1, the preset's own
     * refinement) and the RMSCL recent share (0, none, so objects that join a restored stream evict as
     * its other objects do, whatever the default becomes).
     */
    private static final List<Predating<?>> PREDATING = List.of(new Predating<>(FLOW_REFINEMENT, -1),
            new Predating<>(MemoryBankOptions.RMSCL_RECENT_FRACTION, 0.0));

    /**
     * Options written by {@link #write}; keys this build does not know are skipped, and an option in
     * {@link #PREDATING} that the state does not hold gets the value the build that wrote it ran with,
     * so a restored stream goes on segmenting as it did.
     */
    public static VosOptions read(DataInput in) throws IOException {
        VosOptions o = defaults();
        Set<String> written = new HashSet<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            String text = in.readUTF();
            if (ALL.stream().anyMatch(x -> x.key().equals(key))) o = o.withText(key, text);
            written.add(key);
        }
        for (Predating<?> p : PREDATING) if (!written.contains(p.option().key())) o = p.apply(o);
        return o;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VosOptions other)) return false;
        for (Option<?> opt : ALL) if (!String.valueOf(get(opt)).equals(String.valueOf(other.get(opt)))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Option<?> opt : ALL) h = 31 * h + String.valueOf(get(opt)).hashCode();
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VosOptions{");
        for (Option<?> o : ALL) sb.append(o.key()).append('=').append(get(o)).append(' ');
        return sb.append('}').toString();
    }
}
