package dev.engram.connectors.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.operators.StreamSummary;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each stream's latest {@link StreamSummary} to {@code <root>/<stream>.json}, replaced
 * atomically, so the file always holds the newest figures and, once the input ended, the final ones
 * ({@code "complete": true}). Fields: {@code stream, frames, scoredFrames, fps, segmenterFps, J, F,
 * JF, peakBankBytes, budgetBytes, complete}; scores are null without ground truth.
 */
public final class SummaryJsonSink implements Sink<StreamSummary> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String root;

    public SummaryJsonSink(Path root) {
        this.root = root.toString();
    }

    public static Path file(Path root, String streamId) {
        return root.resolve(streamId + ".json");
    }

    /** The JSON form of a summary. */
    public static ObjectNode toJson(StreamSummary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", s.streamId);
        n.put("frames", s.frames);
        n.put("scoredFrames", s.scoredFrames);
        number(n, "fps", s.fps);
        number(n, "segmenterFps", s.segmenterFps);
        number(n, "J", s.j);
        number(n, "F", s.f);
        number(n, "JF", s.jf);
        n.put("peakBankBytes", s.peakBankBytes);
        n.put("budgetBytes", s.budgetBytes);
        n.put("complete", s.complete);
        return n;
    }

    /** Puts {@code value}, or null when it is NaN or infinite (JSON has no such numbers). */
    public static void number(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) n.put(field, value);
        else n.putNull(field);
    }

    @Override
    public SinkWriter<StreamSummary> createWriter(WriterInitContext context) {
        Path dir = Path.of(root);
        return new SinkWriter<>() {
            @Override
            public void write(StreamSummary s, Context ctx) throws IOException {
                AtomicFiles.replace(file(dir, s.streamId), JSON.writeValueAsBytes(toJson(s)));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
