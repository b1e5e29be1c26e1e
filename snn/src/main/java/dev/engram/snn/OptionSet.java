package dev.engram.snn;

import dev.engram.memory.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable values for a fixed list of {@link Option}s: every declared option has a value (its default
 * unless set). Options classes ({@code LsmOptions}, {@code EmulatorOptions}, …) declare the options once
 * and hand out {@code defaults()}; CLI flags reach it through {@link #withText}.
 */
public final class OptionSet {
    private final List<Option<?>> declared;
    private final Map<String, Object> values;

    private OptionSet(List<Option<?>> declared, Map<String, Object> values) {
        this.declared = declared;
        this.values = values;
    }

    /** All declared options at their defaults. */
    public static OptionSet defaults(List<Option<?>> declared) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Option<?> o : declared) values.put(o.key(), o.defaultValue());
        return new OptionSet(List.copyOf(declared), values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        if (!values.containsKey(option.key())) throw new IllegalArgumentException("undeclared option " + option.key());
        return (T) values.get(option.key());
    }

    /** A copy with one value replaced; the option must be declared here. */
    public <T> OptionSet with(Option<T> option, T value) {
        if (!values.containsKey(option.key())) throw new IllegalArgumentException("undeclared option " + option.key());
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(option.key(), Objects.requireNonNull(value, option.key()));
        return new OptionSet(declared, copy);
    }

    /** A copy with a value given as text (a CLI flag or a properties entry); unknown keys are refused. */
    public OptionSet withText(String key, String text) {
        for (Option<?> o : declared) {
            if (o.key().equals(key)) return withParsed(o, text);
        }
        throw new IllegalArgumentException("unknown option " + key + "; known: " + values.keySet());
    }

    /** Applies every entry whose key is declared here and ignores the others (so one map can feed several sets). */
    public OptionSet withKnown(Map<String, String> texts) {
        OptionSet s = this;
        for (Option<?> o : declared) {
            String t = texts.get(o.key());
            if (t != null) s = s.withParsed(o, t);
        }
        return s;
    }

    private <T> OptionSet withParsed(Option<T> o, String text) {
        return with(o, o.parse(text));
    }

    public List<Option<?>> declared() { return declared; }

    /** Key to value, in declaration order. */
    public Map<String, Object> asMap() { return java.util.Collections.unmodifiableMap(values); }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionSet s && s.values.equals(values);
    }

    @Override
    public int hashCode() { return values.hashCode(); }

    @Override
    public String toString() { return values.toString(); }
}
