package dev.engram.snn.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Summary of one recording computed in a single streaming pass: the fields of
 * {@code engram events stats}. Width and height are the sensor size the file states; when it states
 * none ({@code sensorSizeKnown} false) they are the observed maximum coordinate + 1. For an empty
 * recording the times are 0. {@code truncated} carries the decoder's truncation detail, or null.
 */
public record EventStats(
        EventFormat format,
        long events,
        int width,
        int height,
        boolean sensorSizeKnown,
        long tFirstUs,
        long tLastUs,
        long on,
        long off,
        String truncated) {

    /** Detects the format, decodes the whole file and summarises it. */
    public static EventStats of(Path path) throws IOException {
        try (EventDecoder decoder = EventDecoder.open(path)) {
            return of(decoder);
        }
    }

    /** Decodes what remains of {@code decoder} and summarises it; does not close it. */
    public static EventStats of(EventDecoder decoder) throws IOException {
        EventBatch batch = EventBatch.withDefaultCapacity();
        long events = 0;
        long on = 0;
        long tFirst = 0;
        long tLast = 0;
        int maxX = -1;
        int maxY = -1;
        int n;
        while ((n = decoder.read(batch)) > 0) {
            if (events == 0) tFirst = batch.tUs()[0];
            tLast = batch.tUs()[n - 1];
            byte[] p = batch.polarity();
            int[] xs = batch.x();
            int[] ys = batch.y();
            int batchOn = 0;
            for (int i = 0; i < n; i++) {
                batchOn += p[i];
                if (xs[i] > maxX) maxX = xs[i];
                if (ys[i] > maxY) maxY = ys[i];
            }
            on += batchOn;
            events += n;
        }
        boolean known = decoder.width() > 0 && decoder.height() > 0;
        int width = known ? decoder.width() : maxX + 1;
        int height = known ? decoder.height() : maxY + 1;
        return new EventStats(decoder.format(), events, width, height, known, tFirst, tLast, on, events - on,
                decoder.truncationDetail());
    }

    /** Duration between the first and last event, in microseconds. */
    public long durationUs() {
        return tLastUs - tFirstUs;
    }

    /** One JSON object with the fields above; {@code format} is the {@code --format} name. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(192);
        sb.append("{\"format\":\"").append(format.cliName()).append('"')
                .append(",\"events\":").append(events)
                .append(",\"width\":").append(width)
                .append(",\"height\":").append(height)
                .append(",\"sensorSizeKnown\":").append(sensorSizeKnown)
                .append(",\"tFirstUs\":").append(tFirstUs)
                .append(",\"tLastUs\":").append(tLastUs)
                .append(",\"on\":").append(on)
                .append(",\"off\":").append(off)
                .append(",\"truncated\":");
        if (truncated == null) sb.append("null");
        else sb.append('"').append(escape(truncated)).append('"');
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
