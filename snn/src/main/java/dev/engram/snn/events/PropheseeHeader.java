package dev.engram.snn.events;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Prophesee '%' text header says: the event encoding and the sensor size. Sizes come from an
 * explicit {@code geometry}, {@code format …;width=…;height=…} or {@code Width}/{@code Height} line,
 * else from the camera plugin name (Gen3 VGA 640x480, Gen4/Gen4.1/IMX636 1280x720, GenX320 320x320).
 */
record PropheseeHeader(String encoding, int width, int height) {
    private static final Pattern GEOMETRY = Pattern.compile("(?i)^geometry\\s+(\\d+)\\s*x\\s*(\\d+)");
    private static final Pattern FORMAT_W = Pattern.compile("(?i)width=(\\d+)");
    private static final Pattern FORMAT_H = Pattern.compile("(?i)height=(\\d+)");
    private static final Pattern WIDTH_LINE = Pattern.compile("(?i)^width\\s+(\\d+)");
    private static final Pattern HEIGHT_LINE = Pattern.compile("(?i)^height\\s+(\\d+)");
    private static final int MAX_SIDE = 1 << 16;

    /** Encoding names: "evt2", "evt21", "evt3", or null when no line says. */
    static PropheseeHeader parse(List<String> lines) {
        String encoding = null;
        int w = -1;
        int h = -1;
        String plugin = "";
        for (String line : lines) {
            String l = line.trim();
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("evt ")) {
                String v = lower.substring(4).trim();
                if (v.startsWith("2.0")) encoding = "evt2";
                else if (v.startsWith("2.1")) encoding = "evt21";
                else if (v.startsWith("3")) encoding = "evt3";
                else encoding = "evt " + v;
            } else if (lower.startsWith("format ")) {
                String v = lower.substring(7).trim();
                if (v.startsWith("evt21")) encoding = "evt21";
                else if (v.startsWith("evt2")) encoding = "evt2";
                else if (v.startsWith("evt3")) encoding = "evt3";
                Matcher mw = FORMAT_W.matcher(v);
                Matcher mh = FORMAT_H.matcher(v);
                if (mw.find() && mh.find()) {
                    w = side(mw.group(1));
                    h = side(mh.group(1));
                }
            } else if (lower.startsWith("plugin_name")) {
                plugin = lower;
            }
            Matcher g = GEOMETRY.matcher(l);
            if (g.find()) {
                w = side(g.group(1));
                h = side(g.group(2));
            }
            Matcher mw = WIDTH_LINE.matcher(l);
            if (mw.find()) w = side(mw.group(1));
            Matcher mh = HEIGHT_LINE.matcher(l);
            if (mh.find()) h = side(mh.group(1));
        }
        if (w <= 0 || h <= 0) {
            if (plugin.contains("gen3")) { w = 640; h = 480; }
            else if (plugin.contains("gen4") || plugin.contains("imx636") || plugin.contains("imx646")) { w = 1280; h = 720; }
            else if (plugin.contains("genx320") || plugin.contains("imx8")) { w = 320; h = 320; }
            else { w = -1; h = -1; }
        }
        return new PropheseeHeader(encoding, w, h);
    }

    private static int side(String digits) {
        if (digits.length() > 6) return -1;
        int v = Integer.parseInt(digits);
        return v > 0 && v <= MAX_SIDE ? v : -1;
    }
}
