package dev.engram.jobs.cli;

import java.util.Locale;

/** Number formatting for the CLI's tables. */
final class Tables {
    private Tables() {}

    static String score(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    static String fps(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    static String bytes(long b) {
        if (b == Long.MAX_VALUE) return "unbounded";
        if (b >= 1 << 20) return String.format(Locale.ROOT, "%.1fMiB", b / 1048576.0);
        if (b >= 1 << 10) return String.format(Locale.ROOT, "%.1fKiB", b / 1024.0);
        return b + "B";
    }
}
