package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.operators.metrics.EngramMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Engram's per-stream metrics of every running job of a Flink cluster, read through the cluster's
 * REST API: {@code /jobs/overview}, each job's vertices, and per vertex
 * {@code /jobs/<job>/vertices/<vertex>/subtasks/metrics} (a stream lives in one subtask, so the
 * maximum over subtasks is that subtask's value). Metric ids look like
 * {@code <operator>.stream.<id>.<name>} (histograms {@code <name>_p95}, dead letters
 * {@code <operator>.stream.<id>.reason.<stage>.deadLetters}).
 *
 * <p>The REST API serves what the JobManager last fetched from the TaskManagers, every
 * {@code metrics.fetcher.update-interval} (Flink's default 10 s; {@code engram cluster start} sets
 * 1 s): values are that old at most. Failure: an unreachable cluster or an error status is an
 * IOException naming the URL; the dashboard shows it and tries again.
 */
public final class FlinkRestMetrics implements MetricSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests stay below the REST server's 4096-byte request line. */
    private static final int MAX_QUERY_CHARS = 3000;
    private static final long LIST_REFRESH_MS = 5000;

    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, List<String>> vertexMetricIds = new HashMap<>();
    private final Map<String, Long> listedAt = new HashMap<>();
    private final Map<String, List<String>> jobVertices = new HashMap<>();

    /** @param rest the cluster's REST address, e.g. {@code http://127.0.0.1:8081} */
    public FlinkRestMetrics(URI rest) {
        this.rest = rest;
    }

    @Override
    public List<StreamReading> read() throws IOException {
        Map<String, Map<String, Double>> byStream = new TreeMap<>();
        List<String> running = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(job.path("state").asText())) running.add(job.path("jid").asText());
        }
        jobVertices.keySet().retainAll(running);
        for (String jid : running) {
            List<String> vertices = jobVertices.get(jid);
            if (vertices == null) {
                vertices = new ArrayList<>();
                for (JsonNode v : get("/jobs/" + jid).path("vertices")) vertices.add(v.path("id").asText());
                jobVertices.put(jid, vertices);
            }
            for (String vid : vertices) readVertex("/jobs/" + jid + "/vertices/" + vid + "/subtasks/metrics", byStream);
        }
        List<StreamReading> out = new ArrayList<>();
        byStream.forEach((stream, values) -> out.add(new StreamReading(stream, StreamReading.kindOf(values), values)));
        return out;
    }

    private void readVertex(String path, Map<String, Map<String, Double>> byStream) throws IOException {
        long now = System.currentTimeMillis();
        List<String> ids = vertexMetricIds.get(path);
        if (ids == null || now - listedAt.getOrDefault(path, 0L) > LIST_REFRESH_MS) {
            ids = new ArrayList<>();
            for (JsonNode m : get(path)) {
                String id = m.path("id").asText();
                if (parse(id) != null) ids.add(id);
            }
            vertexMetricIds.put(path, ids);
            listedAt.put(path, now);
        }
        StringBuilder query = new StringBuilder();
        List<String> batch = new ArrayList<>();
        for (String id : ids) {
            String enc = URLEncoder.encode(id, StandardCharsets.UTF_8);
            if (query.length() + enc.length() + 1 > MAX_QUERY_CHARS && !batch.isEmpty()) {
                fetch(path, query, byStream);
                query.setLength(0);
                batch.clear();
            }
            if (query.length() > 0) query.append(',');
            query.append(enc);
            batch.add(id);
        }
        if (!batch.isEmpty()) fetch(path, query, byStream);
    }

    private void fetch(String path, CharSequence ids, Map<String, Map<String, Double>> byStream) throws IOException {
        for (JsonNode m : get(path + "?agg=max&get=" + ids)) {
            Parsed p = parse(m.path("id").asText());
            if (p == null || !m.has("max")) continue;
            double v = m.path("max").asDouble();
            Map<String, Double> values = byStream.computeIfAbsent(p.stream(), s -> new LinkedHashMap<>());
            if (p.name().equals(EngramMetrics.DEAD_LETTERS.name())) values.merge(p.name(), v, Double::sum);
            else values.put(p.name(), v);
        }
    }

    /** A metric id's stream and dashboard name ({@code name} or {@code name.p50}/{@code name.p95}). */
    record Parsed(String stream, String name) {}

    /** Parses {@code <operator>.stream.<id>[.reason.<stage>].<name>}; null for ids that are not Engram stream metrics. */
    static Parsed parse(String id) {
        int at = id.indexOf("." + EngramMetrics.STREAM + ".");
        if (at < 0) return null;
        String rest = id.substring(at + EngramMetrics.STREAM.length() + 2);
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) return null;
        String stream = rest.substring(0, dot), name = rest.substring(dot + 1);
        int reason = stream.lastIndexOf("." + EngramMetrics.REASON + ".");
        if (reason > 0) {
            if (!name.equals(EngramMetrics.DEAD_LETTERS.name())) return null;
            stream = stream.substring(0, reason);
        }
        for (String q : new String[] {"_p50", "_p95"}) {
            if (name.endsWith(q) && EngramMetrics.named(name.substring(0, name.length() - 4)) != null) {
                return new Parsed(stream, name.substring(0, name.length() - 4) + "." + q.substring(1));
            }
        }
        EngramMetrics.Metric m = EngramMetrics.named(name);
        if (m == null || m.kind() == EngramMetrics.Kind.HISTOGRAM) return null;
        return new Parsed(stream, name);
    }

    private JsonNode get(String path) throws IOException {
        URI u = rest.resolve(path);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException(u + ": HTTP " + r.statusCode());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(u + ": interrupted", e);
        }
    }

    @Override
    public String describe() {
        return "Flink cluster " + rest;
    }
}
