package dev.engram.vos.eval;

import dev.engram.vos.VosOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid of learner settings: for each of some {@link VosOptions} keys, the values to try; the
 * settings are every combination, the first key varying slowest, each key's first value first (so a
 * grid that lists the current defaults first breaks ties toward them). Values are checked by the
 * options themselves when applied.
 */
public final class SettingsGrid {
    /**
     * The grid every default of {@link VosOptions} that is a tuning choice was chosen on, by
     * {@code engram vos eval --folds} (docs/BENCHMARKS.md): the options judged to matter most,
     * small enough for two shared cores (4 settings, about 5,000 segmented frames).
     */
    public static final SettingsGrid DEFAULTS = parse(List.of(
            "vos.backbone=packaged,none",
            "vos.policy=rmscl,fifo"));

    private final Map<String, List<String>> values;

    private SettingsGrid(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code KEY=V1,V2,…} entries. IllegalArgumentException naming the entry when one has no
     * {@code =}, no value, an unknown key, a key twice, or a value its option cannot parse.
     */
    public static SettingsGrid parse(List<String> entries) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) throw new IllegalArgumentException("--grid " + e + ": expected KEY=V1,V2,…");
            String key = e.substring(0, eq).strip();
            if (values.containsKey(key)) throw new IllegalArgumentException("--grid " + e + ": " + key + " is given twice");
            List<String> vs = new ArrayList<>();
            for (String v : e.substring(eq + 1).split(",")) {
                if (v.isBlank()) throw new IllegalArgumentException("--grid " + e + ": empty value");
                try {
                    VosOptions.defaults().withText(key, v.strip());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("--grid " + e + ": " + bad.getMessage(), bad);
                }
                vs.add(v.strip());
            }
            values.put(key, List.copyOf(vs));
        }
        return new SettingsGrid(values);
    }

    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Every combination, as key → value text, in grid order. */
    public List<Map<String, String>> settings() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code base} with one setting applied. */
    public static VosOptions apply(VosOptions base, Map<String, String> setting) {
        VosOptions o = base;
        for (Map.Entry<String, String> e : setting.entrySet()) o = o.withText(e.getKey(), e.getValue());
        return o;
    }
}
