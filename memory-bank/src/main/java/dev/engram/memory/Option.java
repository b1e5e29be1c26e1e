package dev.engram.memory;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * A configuration option declared once: key, type, default and one sentence of documentation.
 * Each module keeps its options as constants in one options class; CLI flags map onto them.
 *
 * @param <T> the value type
 */
public final class Option<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final SerializableParser<T> parser;

    /** Parses an option's text form; serializable so options travel inside Flink job graphs. */
    @FunctionalInterface
    public interface SerializableParser<T> extends Function<String, T>, Serializable {}

    private Option(String key, Class<T> type, T defaultValue, String description, SerializableParser<T> parser) {
        this.key = Objects.requireNonNull(key);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description);
        this.parser = Objects.requireNonNull(parser);
    }

    public static <T> Option<T> of(String key, Class<T> type, T defaultValue, String description,
            SerializableParser<T> parser) {
        return new Option<>(key, type, defaultValue, description, parser);
    }

    public static Option<Integer> ofInt(String key, int defaultValue, String description) {
        return of(key, Integer.class, defaultValue, description, s -> Integer.parseInt(s.trim()));
    }

    public static Option<Long> ofLong(String key, long defaultValue, String description) {
        return of(key, Long.class, defaultValue, description, s -> Long.parseLong(s.trim()));
    }

    public static Option<Double> ofDouble(String key, double defaultValue, String description) {
        return of(key, Double.class, defaultValue, description, s -> Double.parseDouble(s.trim()));
    }

    public static Option<Boolean> ofBoolean(String key, boolean defaultValue, String description) {
        return of(key, Boolean.class, defaultValue, description, Option::parseBoolean);
    }

    public static Option<String> ofString(String key, String defaultValue, String description) {
        return of(key, String.class, defaultValue, description, String::trim);
    }

    /** A size in bytes, written as {@code 16MiB}, {@code 512KiB}, {@code 1GiB} or a plain number. */
    public static Option<Long> ofBytes(String key, long defaultValue, String description) {
        return of(key, Long.class, defaultValue, description, s -> MemoryBudget.parse(s).bytes());
    }

    static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected on/off or true/false, got '" + s + "'");
        };
    }

    public String key() { return key; }
    public Class<T> type() { return type; }
    public T defaultValue() { return defaultValue; }
    public String description() { return description; }

    /** Parses the text form; the error names the option key. */
    public T parse(String text) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + key + ": cannot parse '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return key + " (" + type.getSimpleName() + ", default " + defaultValue + "): " + description;
    }
}
