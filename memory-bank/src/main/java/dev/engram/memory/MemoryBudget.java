package dev.engram.memory;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte budget that travels with every bounded structure. Structures measure the bytes they hold
 * from their arrays and refuse anything that would take them past {@link #bytes()}.
 */
public record MemoryBudget(long bytes) implements Serializable {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

    public MemoryBudget {
        if (bytes < 0) throw new IllegalArgumentException("a memory budget cannot be negative: " + bytes);
    }

    public static MemoryBudget ofBytes(long bytes) {
        return new MemoryBudget(bytes);
    }

    public static MemoryBudget ofMiB(double mib) {
        return new MemoryBudget(Math.round(mib * 1024 * 1024));
    }

    /** No practical limit; used for the unbounded baseline in benchmarks. */
    public static MemoryBudget unbounded() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    public boolean isUnbounded() {
        return bytes == Long.MAX_VALUE;
    }

    /**
     * Parses {@code 16MiB}, {@code 512KiB}, {@code 1GiB}, {@code 16MB} (decimal), {@code 100B} or a plain
     * number of bytes; {@code unbounded} gives {@link #unbounded()}.
     */
    public static MemoryBudget parse(String text) {
        if (text == null) throw new IllegalArgumentException("memory budget is missing");
        if (text.trim().equalsIgnoreCase("unbounded")) return unbounded();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("memory budget '" + text + "' is not a size like 16MiB, 512KiB or 1000000");
        }
        double value = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> throw new IllegalArgumentException("memory budget '" + text + "': unknown unit '" + m.group(2)
                    + "' (use B, KiB, MiB, GiB, KB, MB or GB)");
        };
        return new MemoryBudget(Math.round(value * unit));
    }

    public boolean fits(long bytesHeld) {
        return bytesHeld <= bytes;
    }

    @Override
    public String toString() {
        if (isUnbounded()) return "unbounded";
        if (bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
        if (bytes % (1L << 10) == 0) return (bytes >> 10) + "KiB";
        return bytes + "B";
    }
}
