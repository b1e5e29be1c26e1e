package dev.engram.jobs.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.connectors.wire.MaskRuns;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireFormatException;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.vos.Mask;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes result records read from a topic into the file sink's layout
 * ({@link OutputLayout}): VOS masks as palette PNGs plus {@code frames/<stream>.jsonl}, event and TTA
 * results as JSON lines, summaries, dead letters ({@code .json} + {@code .bin}) and health lines.
 * Counts what it saw, so a reader can tell each result arrived once.
 */
public final class ResultFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Map<String, Integer> resultCount = new HashMap<>();
    private final Set<String> ended = new TreeSet<>();
    private long results, duplicates, deadLetters, malformed, summaries, health;

    public ResultFolder(Path root) {
        this.root = root;
    }

    /** One record of a result or dead-letter topic. */
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        WireRecord r;
        try {
            r = WireFormat.decode(record.value());
        } catch (WireFormatException e) {
            malformed++;
            write("malformed/" + record.topic() + "-" + record.partition() + "-" + record.offset() + ".bin", record.value());
            return;
        }
        accept(r);
    }

    public void accept(WireRecord r) {
        try {
            switch (r.kind) {
                case RESULT -> result(r);
                case SUMMARY -> {
                    summaries++;
                    write(OutputLayout.summary(r.streamId), r.payload);
                }
                case END -> ended.add(r.streamId);
                case DEAD_LETTER -> {
                    deadLetters++;
                    ObjectNode meta = (ObjectNode) JSON.readTree(r.metadata);
                    String base = OutputLayout.deadLetter(r.streamId, r.sequence, meta.path("stage").asText("job"));
                    if (meta.has("offset")) base += "-" + meta.path("partition").asInt() + "-" + meta.path("offset").asLong();
                    if (r.payload.length > 0) write(base + ".bin", r.payload);
                    write(base + ".json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                }
                case HEALTH -> {
                    health++;
                    append("health/" + OutputLayout.stream(r.streamId) + ".jsonl", r.payload);
                }
                default -> malformed++;
            }
        } catch (IOException | WireFormatException e) {
            throw new IllegalStateException("cannot write " + r + " under " + root + ": " + e.getMessage(), e);
        }
    }

    private void result(WireRecord r) throws IOException, WireFormatException {
        ObjectNode line = r.metadata.isEmpty() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(r.metadata);
        String job = line.path("job").asText("vos");
        line.remove("job");
        if (resultCount.merge(job + "/" + r.streamId + "/" + r.sequence, 1, Integer::sum) > 1) duplicates++;
        results++;
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        switch (job) {
            case "events" -> append(OutputLayout.events(r.streamId), bytes);
            case "tta" -> append(OutputLayout.tta(r.streamId), bytes);
            default -> {
                byte[] png = switch (r.encoding) {
                    case PNG -> r.payload;
                    case MASK_RLE -> MaskFiles.encodePng(new Mask(r.width, r.height, MaskRuns.decode(r)));
                    default -> null;
                };
                if (png != null) write(OutputLayout.mask(r.streamId, r.sequence), png);
                append(OutputLayout.frames(r.streamId), bytes);
            }
        }
    }

    private void write(String relative, byte[] bytes) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(String relative, byte[] line) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, line.length > 0 && line[line.length - 1] == '\n' ? line : concat(line),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static byte[] concat(byte[] line) {
        byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
        out[line.length] = '\n';
        return out;
    }

    public long results() {
        return results;
    }

    public long duplicates() {
        return duplicates;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long malformed() {
        return malformed;
    }

    public Set<String> ended() {
        return ended;
    }

    /** One line: what was read. */
    public String describe() {
        return "results: " + results + ", duplicates: " + duplicates + ", summaries: " + summaries + ", dead letters: " + deadLetters
                + ", health: " + health + ", streams ended: " + ended.size() + (malformed > 0 ? ", not wire records: " + malformed : "");
    }
}
