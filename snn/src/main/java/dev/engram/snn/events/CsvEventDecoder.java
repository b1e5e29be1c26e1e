package dev.engram.snn.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Text events, one per line: x, y, polarity and time in a configurable column order, separated by
 * commas, semicolons, tabs or spaces (the Event Camera Dataset's {@code events.txt} "t x y p" with t
 * in seconds is {@code columns("t,x,y,p").timeUnit(S)}). Blank lines and lines starting with '#',
 * '%' or "//" are skipped. A first line whose first field is not a number is a header; when no column
 * order was given, its names set it ({@code t/ts/time/timestamp}, {@code x}, {@code y},
 * {@code p/pol/polarity/on}; other names are skipped), else the order defaults to {@code x,y,p,t}.
 * Polarity is ON when the value is positive or {@code true}. Times are exact decimals converted to
 * whole microseconds (rounded down).
 *
 * <p>Failure behaviour: a malformed line raises {@link EventDecodeException} naming the line number
 * and byte offset; an incomplete last line without a newline is the mark of a cut file and ends the
 * stream with {@link #truncated()} set; lines longer than {@value #MAX_LINE} bytes are refused.
 */
public final class CsvEventDecoder extends ChunkedDecoder {
    static final int MAX_LINE = 64 * 1024;

    /** What a column holds. */
    public enum Column { X, Y, P, T, SKIP }

    /** Unit of the time column, with its length in nanoseconds. */
    public enum TimeUnit {
        NS(1L), US(1_000L), MS(1_000_000L), S(1_000_000_000L);

        final long nanos;

        TimeUnit(long nanos) { this.nanos = nanos; }

        /** Parses {@code ns}, {@code us}, {@code ms} or {@code s} (case-insensitive), as in {@link EventOptions#CSV_TIME_UNIT}. */
        public static TimeUnit parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown time unit '" + name + "' (use ns, us, ms or s)");
            }
        }
    }

    /** Column order, time unit and sensor size of a text recording. */
    public static final class Options {
        private final List<Column> columns;
        private final TimeUnit timeUnit;
        private final int width;
        private final int height;

        private Options(Builder b) {
            this.columns = b.columns;
            this.timeUnit = b.timeUnit;
            this.width = b.width;
            this.height = b.height;
        }

        public static Builder builder() { return new Builder(); }

        public static Options defaults() { return builder().build(); }

        /** The column order, or null to take it from a header line (default x,y,p,t). */
        public List<Column> columns() { return columns; }
        public TimeUnit timeUnit() { return timeUnit; }
        public int width() { return width; }
        public int height() { return height; }

        public static final class Builder {
            private List<Column> columns;
            private TimeUnit timeUnit = TimeUnit.US;
            private int width = -1;
            private int height = -1;

            /** Column order as names, e.g. {@code "t,x,y,p"}; {@code _} or {@code -} skips a column. */
            public Builder columns(String order) {
                List<Column> list = new ArrayList<>();
                for (String name : order.split("[,;\\s]+")) {
                    if (name.isEmpty()) continue;
                    Column c = columnNamed(name);
                    if (c == null) throw new IllegalArgumentException("unknown CSV column '" + name + "' (use x, y, p, t or _)");
                    list.add(c);
                }
                checkColumns(list);
                this.columns = List.copyOf(list);
                return this;
            }

            public Builder timeUnit(TimeUnit unit) {
                this.timeUnit = Objects.requireNonNull(unit);
                return this;
            }

            public Builder sensorSize(int width, int height) {
                this.width = width;
                this.height = height;
                return this;
            }

            /** Applies {@link EventOptions#CSV_COLUMNS} and {@link EventOptions#CSV_TIME_UNIT} given as text. */
            public Builder fromOptionText(String columns, String timeUnit) {
                if (columns != null && !columns.isBlank()) columns(columns);
                if (timeUnit != null && !timeUnit.isBlank()) timeUnit(TimeUnit.parse(timeUnit));
                return this;
            }

            public Options build() { return new Options(this); }
        }
    }

    private final TimeUnit timeUnit;
    private Column[] columns;
    private long lineNumber;
    private boolean sawContent;

    public CsvEventDecoder(InputStream in, String source, Options options) {
        super(in, source, 256 * 1024);
        this.timeUnit = options.timeUnit();
        this.columns = options.columns() == null ? null : options.columns().toArray(new Column[0]);
        this.width = options.width();
        this.height = options.height();
    }

    public static CsvEventDecoder open(Path path) throws IOException {
        return open(path, Options.defaults());
    }

    public static CsvEventDecoder open(Path path, Options options) throws IOException {
        return new CsvEventDecoder(Files.newInputStream(path), path.toString(), options);
    }

    @Override
    public EventFormat format() {
        return EventFormat.CSV;
    }

    @Override
    protected void decodeInto(EventBatch batch) throws IOException {
        while (batch.size() < batch.capacity()) {
            int nl = findNewline();
            boolean lastLine = nl < 0;
            if (lastLine && lim == pos) { finished = true; return; }
            int end = lastLine ? lim : nl;
            int lineStart = pos;
            pos = lastLine ? lim : nl + 1;
            lineNumber++;
            parseLine(lineStart, end, lastLine, batch);
            if (lastLine) { finished = true; return; }
        }
    }

    /** Index of the next '\n' from pos, reading more as needed; -1 when the stream ends first. */
    private int findNewline() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < lim; i++) {
                if (buf[i] == '\n') return i;
            }
            scanned = lim - pos;
            if (scanned > MAX_LINE) throw error(offset(pos), "line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
            if (!ensure(scanned + 1)) return -1;
        }
    }

    private void parseLine(int start, int end, boolean lastLine, EventBatch batch) throws IOException {
        while (end > start && (buf[end - 1] == '\r' || buf[end - 1] == ' ' || buf[end - 1] == '\t')) end--;
        int s = start;
        while (s < end && (buf[s] == ' ' || buf[s] == '\t')) s++;
        if (s == end) return;
        if (buf[s] == '#' || buf[s] == '%' || (buf[s] == '/' && s + 1 < end && buf[s + 1] == '/')) return;
        if (!sawContent) {
            sawContent = true;
            if (!startsWithNumber(s, end)) {
                readHeader(s, end);
                return;
            }
            if (columns == null) columns = new Column[] {Column.X, Column.Y, Column.P, Column.T};
        }
        int x = 0;
        int y = 0;
        boolean on = false;
        long t = 0;
        int p = s;
        for (int c = 0; c < columns.length; c++) {
            if (p >= end) {
                if (lastLine) {
                    markTruncated("last line " + lineNumber + " at offset " + offset(start) + " is incomplete (no newline, "
                            + c + " of " + columns.length + " fields)");
                    return;
                }
                throw error(offset(start), "line " + lineNumber + " has " + c + " fields, expected " + columns.length);
            }
            int tokenEnd = p;
            while (tokenEnd < end && !isDelimiter(buf[tokenEnd])) tokenEnd++;
            switch (columns[c]) {
                case X -> x = parseCoordinate(p, tokenEnd, start, "x");
                case Y -> y = parseCoordinate(p, tokenEnd, start, "y");
                case P -> on = parsePolarity(p, tokenEnd, start);
                case T -> t = parseTime(p, tokenEnd, start);
                case SKIP -> { }
            }
            p = skipDelimiter(tokenEnd, end);
        }
        batch.add(x, y, on, t);
    }

    private void readHeader(int s, int end) throws IOException {
        String line = new String(buf, s, end - s, StandardCharsets.UTF_8);
        if (columns != null) return;
        List<Column> list = new ArrayList<>();
        for (String name : line.split("\\s*[,;\\s]\\s*")) {
            Column c = columnNamed(name);
            list.add(c == null ? Column.SKIP : c);
        }
        try {
            checkColumns(list);
        } catch (IllegalArgumentException e) {
            throw error(offset(s), "header line '" + line + "': " + e.getMessage());
        }
        columns = list.toArray(new Column[0]);
    }

    static Column columnNamed(String raw) {
        String name = raw.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "x" -> Column.X;
            case "y" -> Column.Y;
            case "p", "pol", "polarity", "on" -> Column.P;
            case "t", "ts", "time", "timestamp", "t_us", "timestamp_us" -> Column.T;
            case "_", "-" -> Column.SKIP;
            default -> null;
        };
    }

    private static void checkColumns(List<Column> list) {
        for (Column needed : new Column[] {Column.X, Column.Y, Column.P, Column.T}) {
            long count = list.stream().filter(c -> c == needed).count();
            if (count != 1) {
                throw new IllegalArgumentException("column " + needed.name().toLowerCase(Locale.ROOT) + " must appear exactly once, found "
                        + count);
            }
        }
    }

    private static boolean isDelimiter(byte c) {
        return c == ',' || c == ';' || c == ' ' || c == '\t';
    }

    private int skipDelimiter(int p, int end) {
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) p++;
        if (p < end && (buf[p] == ',' || buf[p] == ';')) {
            p++;
            while (p < end && (buf[p] == ' ' || buf[p] == '\t')) p++;
        }
        return p;
    }

    private boolean startsWithNumber(int s, int end) {
        byte c = buf[s];
        if ((c == '-' || c == '+' || c == '.') && s + 1 < end) c = buf[s + 1];
        return c >= '0' && c <= '9';
    }

    private int parseCoordinate(int from, int to, int lineStart, String what) throws EventDecodeException {
        int p = from;
        if (p < to && buf[p] == '+') p++;
        if (p == to || to - p > 9) throw badField(from, to, lineStart, what);
        int v = 0;
        for (; p < to; p++) {
            int d = buf[p] - '0';
            if (d < 0 || d > 9) {
                if (buf[p] == '.' && allZeros(p + 1, to)) break;
                throw badField(from, to, lineStart, what);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean allZeros(int from, int to) {
        for (int i = from; i < to; i++) if (buf[i] != '0') return false;
        return true;
    }

    private boolean parsePolarity(int from, int to, int lineStart) throws EventDecodeException {
        String token = new String(buf, from, Math.min(to - from, 16), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        switch (token) {
            case "1", "+1", "1.0", "true", "on" -> { return true; }
            case "0", "-1", "0.0", "-1.0", "false", "off" -> { return false; }
            default -> throw badField(from, to, lineStart, "polarity");
        }
    }

    /** Exact decimal to whole microseconds: integer part and up to 9 fraction digits in nanoseconds. */
    private long parseTime(int from, int to, int lineStart) throws EventDecodeException {
        int p = from;
        boolean negative = false;
        if (p < to && (buf[p] == '-' || buf[p] == '+')) negative = buf[p++] == '-';
        long whole = 0;
        int digits = 0;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            if (++digits > 18) throw badField(from, to, lineStart, "time");
            whole = whole * 10 + (buf[p++] - '0');
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (p < to && buf[p] == '.') {
            p++;
            while (p < to && buf[p] >= '0' && buf[p] <= '9') {
                if (fractionDigits < 9) {
                    fraction = fraction * 10 + (buf[p] - '0');
                    fractionDigits++;
                }
                p++;
                digits++;
            }
        }
        if (p < to && (buf[p] == 'e' || buf[p] == 'E')) return parseScientific(from, to, lineStart);
        if (p != to || digits == 0) throw badField(from, to, lineStart, "time");
        for (int i = fractionDigits; i < 9; i++) fraction *= 10;
        try {
            long nanos = Math.addExact(Math.multiplyExact(whole, timeUnit.nanos), fraction * timeUnit.nanos / 1_000_000_000L);
            long us = Math.floorDiv(nanos, 1_000L);
            return negative ? -us : us;
        } catch (ArithmeticException e) {
            throw badField(from, to, lineStart, "time (overflow)");
        }
    }

    private long parseScientific(int from, int to, int lineStart) throws EventDecodeException {
        try {
            double v = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.US_ASCII));
            double us = v * timeUnit.nanos / 1_000.0;
            if (!Double.isFinite(us) || Math.abs(us) > 9e18) throw badField(from, to, lineStart, "time");
            return (long) Math.floor(us);
        } catch (NumberFormatException e) {
            throw badField(from, to, lineStart, "time");
        }
    }

    private EventDecodeException badField(int from, int to, int lineStart, String what) {
        String token = new String(buf, from, Math.min(to - from, 40), StandardCharsets.ISO_8859_1);
        return error(offset(from), "line " + lineNumber + ": cannot read " + what + " from '" + token + "'");
    }
}
