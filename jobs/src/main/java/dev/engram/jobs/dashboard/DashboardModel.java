package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.preview.PreviewJson;
import dev.engram.operators.metrics.EngramMetrics;
import dev.engram.operators.preview.Preview;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the dashboard shows, built from periodic looks at a {@link MetricSource} and a
 * {@link PreviewSource}: per stream its latest values, a bounded history of points (one each time the
 * stream's learner finished a new record, {@link #HISTORY} at most) and its alerts. {@link #poll()}
 * takes one look and returns what changed, for the page's live updates; {@link #state()} is everything,
 * for a page that has just loaded. Thread-safe (one poller, many readers).
 *
 * <p>Alerts: {@code budget} while learner bytes exceed 90 % of the budget; {@code reset} and
 * {@code collapse} for {@link #RECENT_MS} after the adaptation-reset or collapse counter grew;
 * {@code stalled} while a stream that still reports has had no new record for {@code stallMs}, or,
 * for a live camera, while its camera health ({@code cameraStalled}, {@code cameraConnected}) says it
 * stalled or lost its connection (the message then says which); {@code deadLetters} for {@link #RECENT_MS} after its dead-letter count grew.
 * Streams that stop reporting are marked ended and forgotten after {@link #ENDED_KEEP_MS}; at most
 * {@link #MAX_STREAMS} streams are tracked (ended ones go first), so memory stays bounded however long
 * the dashboard runs.
 */
public final class DashboardModel {
    public static final int HISTORY = 600;
    public static final int MAX_STREAMS = 64;
    public static final long RECENT_MS = 60_000;
    public static final long ENDED_KEEP_MS = 600_000;
    public static final double BUDGET_ALERT_SHARE = 0.9;

    /** The values kept per point: what the page plots. */
    static final List<String> PLOTTED = List.of(
            EngramMetrics.J_AND_F.name(), EngramMetrics.ADAPTATION_LOSS.name(), EngramMetrics.FRAMES_PER_SECOND.name(),
            EngramMetrics.EVENTS_PER_SECOND.name(), EngramMetrics.PROCESSING_LATENCY.name() + ".p95",
            EngramMetrics.LEARNER_BYTES.name(), EngramMetrics.LSM_FIRING_RATE.name(), EngramMetrics.TTA_ERROR.name(),
            EngramMetrics.SOURCE_ERROR.name(), EngramMetrics.TTA_ENTROPY.name());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricSource metrics;
    private final PreviewSource previews;
    private final long stallMs;
    private final LongSupplier clock;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private String error;
    private long polls;
    /** Record-to-sample delays (ms) of the latest points, for benchmarks; bounded. */
    private final ArrayDeque<Long> sampleDelays = new ArrayDeque<>();

    /** One point: server time, the time the stream's learner finished the record, the plotted values. */
    record Point(long t, long recordMs, double[] values) {}

    private static final class Track {
        final String id;
        String kind;
        boolean ended;
        long endedAt;
        long lastRecordMs = -1;
        Map<String, Double> values = Map.of();
        final ArrayDeque<Point> history = new ArrayDeque<>();
        final Map<String, Long> alertSince = new LinkedHashMap<>();
        final Map<String, Long> recentAt = new HashMap<>();
        final Map<String, Double> previous = new HashMap<>();
        long previewIndex = -1;
        long previewTime = -1;

        Track(String id) {
            this.id = id;
        }
    }

    public DashboardModel(MetricSource metrics, PreviewSource previews, long stallMs) {
        this(metrics, previews, stallMs, System::currentTimeMillis);
    }

    DashboardModel(MetricSource metrics, PreviewSource previews, long stallMs, LongSupplier clock) {
        this.metrics = metrics;
        this.previews = previews;
        this.stallMs = stallMs;
        this.clock = clock;
    }

    /** Takes one look; returns the changes as the page's update message (new points, values, alerts, previews). */
    public synchronized ObjectNode poll() {
        long now = clock.getAsLong();
        polls++;
        List<StreamReading> readings;
        try {
            readings = metrics.read();
            error = null;
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            readings = null;
        }
        ObjectNode update = JSON.createObjectNode();
        update.put("t", now);
        ArrayNode streams = update.putArray("streams");
        if (readings != null) {
            Map<String, StreamReading> seen = new HashMap<>();
            for (StreamReading r : readings) seen.put(r.stream(), r);
            for (StreamReading r : readings) {
                Track t = tracks.computeIfAbsent(r.stream(), Track::new);
                boolean wasEnded = t.ended;
                t.ended = false;
                ObjectNode changed = apply(t, r, now);
                if (changed != null || wasEnded) streams.add(changed != null ? changed : header(t));
            }
            for (Track t : tracks.values()) {
                if (!t.ended && !seen.containsKey(t.id)) {
                    t.ended = true;
                    t.endedAt = now;
                    t.alertSince.clear();
                    streams.add(header(t));
                }
            }
        }
        Map<String, Preview> pictures = previews.latest();
        ArrayNode pics = update.putArray("previews");
        for (Track t : tracks.values()) {
            Preview p = pictures.get(t.id);
            if (p == null || (p.index == t.previewIndex && p.timeMs == t.previewTime)) continue;
            t.previewIndex = p.index;
            t.previewTime = p.timeMs;
            pics.add(preview(t.id, p));
        }
        for (Track t : tracks.values()) alerts(t, now);
        forget(now);
        update.set("alerts", alertsJson());
        if (error != null) update.put("error", error);
        return update;
    }

    /** Everything: every tracked stream with its history, and the alerts; what a page starts from. */
    public synchronized ObjectNode state() {
        ObjectNode s = JSON.createObjectNode();
        s.put("t", clock.getAsLong());
        s.put("source", metrics.describe());
        ArrayNode plotted = s.putArray("plotted");
        PLOTTED.forEach(plotted::add);
        ArrayNode streams = s.putArray("streams");
        for (Track t : tracks.values()) {
            ObjectNode n = header(t);
            ArrayNode h = n.putArray("history");
            for (Point p : t.history) h.add(point(p));
            streams.add(n);
        }
        ArrayNode pics = s.putArray("previews");
        Map<String, Preview> pictures = previews.latest();
        for (Track t : tracks.values()) {
            Preview p = pictures.get(t.id);
            if (p != null) pics.add(preview(t.id, p));
        }
        s.set("alerts", alertsJson());
        if (error != null) s.put("error", error);
        return s;
    }

    /** The latest preview of a tracked stream, or null. */
    public Preview preview(String stream) {
        synchronized (this) {
            if (!tracks.containsKey(stream)) return null;
        }
        return previews.latest().get(stream);
    }

    /** Alerts active now, as {@code kind:stream} strings (for tests and logs). */
    public synchronized List<String> activeAlerts() {
        List<String> out = new ArrayList<>();
        for (Track t : tracks.values()) t.alertSince.keySet().forEach(k -> out.add(k + ":" + t.id));
        return out;
    }

    synchronized int trackedStreams() {
        return tracks.size();
    }

    /** Applies a reading; returns the stream's update (values and a new point) or null when nothing changed. */
    private ObjectNode apply(Track t, StreamReading r, long now) {
        t.kind = r.kind();
        Map<String, Double> before = t.values;
        t.values = r.values();
        for (String counter : new String[] {EngramMetrics.ADAPTATION_RESETS.name(), EngramMetrics.COLLAPSE_DETECTIONS.name(),
                EngramMetrics.DEAD_LETTERS.name()}) {
            Double v = r.values().get(counter);
            if (v == null) continue;
            Double old = t.previous.put(counter, v);
            if (old != null && v > old) t.recentAt.put(counter, now);
        }
        Double record = r.values().get(EngramMetrics.LAST_RECORD_TIME.name());
        long recordMs = record == null ? -1 : record.longValue();
        boolean newRecord = recordMs > 0 && recordMs != t.lastRecordMs;
        if (newRecord) {
            t.lastRecordMs = recordMs;
            double[] v = new double[PLOTTED.size()];
            for (int i = 0; i < v.length; i++) {
                Double x = r.values().get(PLOTTED.get(i));
                v[i] = x == null ? Double.NaN : x;
            }
            t.history.addLast(new Point(now, recordMs, v));
            while (t.history.size() > HISTORY) t.history.removeFirst();
            sampleDelays.addLast(now - recordMs);
            while (sampleDelays.size() > 100_000) sampleDelays.removeFirst();
        }
        if (!newRecord && before.equals(r.values())) return null;
        ObjectNode n = header(t);
        if (newRecord) n.set("point", point(t.history.getLast()));
        return n;
    }

    private void alerts(Track t, long now) {
        Map<String, Boolean> active = new LinkedHashMap<>();
        if (!t.ended) {
            double learner = value(t, EngramMetrics.LEARNER_BYTES), budget = value(t, EngramMetrics.BUDGET_BYTES);
            active.put("budget", budget > 0 && budget < Long.MAX_VALUE && learner > BUDGET_ALERT_SHARE * budget);
            active.put("reset", recent(t, EngramMetrics.ADAPTATION_RESETS, now));
            active.put("collapse", recent(t, EngramMetrics.COLLAPSE_DETECTIONS, now));
            active.put("stalled", cameraDown(t) || quiet(t, now));
            active.put("deadLetters", recent(t, EngramMetrics.DEAD_LETTERS, now));
        }
        for (Map.Entry<String, Boolean> e : active.entrySet()) {
            if (e.getValue()) t.alertSince.putIfAbsent(e.getKey(), now);
            else t.alertSince.remove(e.getKey());
        }
    }

    private boolean quiet(Track t, long now) {
        return t.lastRecordMs > 0 && now - t.lastRecordMs > stallMs;
    }

    /** A camera stream whose camera health says it stalled or lost its connection. */
    private static boolean cameraDown(Track t) {
        return value(t, EngramMetrics.CAMERA_STALLED) >= 1 || value(t, EngramMetrics.CAMERA_CONNECTED) == 0;
    }

    private static boolean recent(Track t, EngramMetrics.Metric counter, long now) {
        Long at = t.recentAt.get(counter.name());
        return at != null && now - at < RECENT_MS;
    }

    private static double value(Track t, EngramMetrics.Metric m) {
        Double v = t.values.get(m.name());
        return v == null ? Double.NaN : v;
    }

    /** Drops streams ended long ago, then the oldest ended ones beyond the cap (then the quietest live ones). */
    private void forget(long now) {
        tracks.values().removeIf(t -> t.ended && now - t.endedAt > ENDED_KEEP_MS);
        if (tracks.size() <= MAX_STREAMS) return;
        List<Track> order = new ArrayList<>(tracks.values());
        order.sort(Comparator.comparing((Track t) -> !t.ended).thenComparingLong(t -> t.ended ? t.endedAt : t.lastRecordMs));
        for (int i = 0; i < order.size() - MAX_STREAMS; i++) tracks.remove(order.get(i).id);
    }

    private ArrayNode alertsJson() {
        ArrayNode a = JSON.createArrayNode();
        for (Track t : tracks.values()) {
            for (Map.Entry<String, Long> e : t.alertSince.entrySet()) {
                ObjectNode n = a.addObject();
                n.put("kind", e.getKey());
                n.put("stream", t.id);
                n.put("since", e.getValue());
                n.put("message", message(e.getKey(), t));
            }
        }
        return a;
    }

    private static String message(String kind, Track t) {
        return switch (kind) {
            case "budget" -> String.format(java.util.Locale.ROOT, "%s holds %.0f %% of its memory budget", t.id,
                    100 * value(t, EngramMetrics.LEARNER_BYTES) / value(t, EngramMetrics.BUDGET_BYTES));
            case "reset" -> t.id + ": adaptation reset to the source model";
            case "collapse" -> t.id + ": collapse detected (predictions piled onto few classes)";
            case "stalled" -> stallMessage(t);
            default -> t.id + ": dead letters rising";
        };
    }

    private static String stallMessage(Track t) {
        double age = value(t, EngramMetrics.CAMERA_LAST_FRAME_AGE);
        String last = Double.isFinite(age) && age >= 0 ? String.format(java.util.Locale.ROOT, ", last frame %.1f s ago", age / 1000) : "";
        if (value(t, EngramMetrics.CAMERA_CONNECTED) == 0) {
            return String.format(java.util.Locale.ROOT, "%s: camera not connected (%.0f reconnects%s)", t.id,
                    Math.max(0, value(t, EngramMetrics.CAMERA_RECONNECTS)), last);
        }
        if (value(t, EngramMetrics.CAMERA_STALLED) >= 1) return t.id + ": camera connected but delivers no frames" + last;
        if (t.values.containsKey(EngramMetrics.CAMERA_CONNECTED.name())) {
            return t.id + ": the camera delivers, but the learner finished no record for a while";
        }
        return t.id + ": no new record for a while";
    }

    private static ObjectNode header(Track t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id);
        n.put("kind", t.kind);
        n.put("ended", t.ended);
        n.put("lastRecordMs", t.lastRecordMs);
        ObjectNode v = n.putObject("values");
        t.values.forEach((k, x) -> {
            if (Double.isFinite(x)) v.put(k, x);
            else v.putNull(k);
        });
        return n;
    }

    private static ArrayNode point(Point p) {
        ArrayNode a = JSON.createArrayNode();
        a.add(p.t());
        a.add(p.recordMs());
        for (double v : p.values()) {
            if (Double.isFinite(v)) a.add(v);
            else a.addNull();
        }
        return a;
    }

    private static ObjectNode preview(String stream, Preview p) {
        ObjectNode n = PreviewJson.describe(p);
        n.put("stream", stream);
        return n;
    }

    /** The time from each record to the look that turned it into a point, since the last call (ms); clears them. */
    public synchronized List<Long> takeSampleDelays() {
        List<Long> out = new ArrayList<>(sampleDelays);
        sampleDelays.clear();
        return out;
    }

    long polls() {
        return polls;
    }
}
