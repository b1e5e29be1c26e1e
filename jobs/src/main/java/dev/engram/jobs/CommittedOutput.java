package dev.engram.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.sink.OutputLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads what a job committed under a local output root ({@link OutputLayout}): the only way a local
 * command learns results, after (or, for progress, during) the job; nothing is collected from the
 * job itself. Sees only committed output: while a job runs, that is the output of its last completed
 * checkpoint.
 */
public final class CommittedOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public CommittedOutput(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Latest committed summary per stream id (the {@code stream} field). */
    public Map<String, JsonNode> summaries() {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Path p : files(root.resolve("summaries"), ".json")) {
            JsonNode n = read(p);
            if (n != null) out.put(n.path("stream").asText(), n);
        }
        return out;
    }

    /** Every committed dead letter, ordered by stream and position. */
    public List<JsonNode> deadLetters() {
        List<JsonNode> out = new ArrayList<>();
        for (Path p : files(root.resolve("dead-letters"), ".json")) {
            JsonNode n = read(p);
            if (n != null) out.add(n);
        }
        return out;
    }

    /** Every committed dead letter as the record it was written from (without its bytes). */
    public List<dev.engram.operators.DeadLetter> deadLetterRecords() {
        List<dev.engram.operators.DeadLetter> out = new ArrayList<>();
        for (JsonNode n : deadLetters()) {
            dev.engram.operators.DeadLetter d = new dev.engram.operators.DeadLetter(n.path("stream").asText(null),
                    n.path("index").asLong(-1), n.path("origin").asText(null), n.path("reason").asText(null));
            d.stage = n.path("stage").asText(null);
            d.byteOffset = n.path("byteOffset").asLong(-1);
            out.add(d);
        }
        return out;
    }

    /** The path of a dead letter's original bytes, or null when it has none. */
    public Path deadLetterBytes(JsonNode letter) {
        if (!letter.hasNonNull("bytesFile")) return null;
        String base = OutputLayout.deadLetter(letter.path("stream").asText(null), letter.path("index").asLong(-1),
                letter.path("stage").asText(null));
        return root.resolve(base + ".bin");
    }

    /** Committed lines of a JSON-lines output ({@code frames}, {@code events}, {@code tta}) of a stream, in order. */
    public List<JsonNode> lines(String kind, String stream) {
        String rel = kind + "/" + OutputLayout.stream(stream) + ".jsonl";
        Path file = root.resolve(rel);
        List<Path> sources = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            sources.add(file);
        } else {
            sources.addAll(files(root.resolve(rel + ".d"), ".part"));
        }
        List<JsonNode> out = new ArrayList<>();
        for (Path p : sources) {
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) out.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot read committed output", e);
            }
        }
        return out;
    }

    /** Streams with a finished JSON-lines file of {@code kind}. */
    public List<String> finishedStreams(String kind) {
        Path dir = root.resolve(kind);
        List<String> out = new ArrayList<>();
        for (Path p : files(dir, ".jsonl")) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            out.add(rel.substring(0, rel.length() - ".jsonl".length()));
        }
        return out;
    }

    /** Mask files committed for a stream. */
    public long maskCount(String stream) {
        return files(root.resolve("masks").resolve(OutputLayout.stream(stream)), ".png").size();
    }

    /** Removes the sink's staging folder (pieces of failed attempts); call only when no job writes here. */
    public void removeStaging() {
        Path staging = root.resolve("_staging");
        if (!Files.isDirectory(staging)) return;
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(staging + ": cannot remove", e);
        }
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            return null; // replaced between listing and reading: the next look sees the new one
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
