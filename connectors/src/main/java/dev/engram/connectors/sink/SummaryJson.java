package dev.engram.connectors.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.operators.StreamSummary;

/**
 * The JSON form of a {@link StreamSummary}, as written to {@code summaries/<stream>.json}. Fields:
 * {@code stream, frames, scoredFrames, fps, segmenterFps, J, F, JF, peakBankBytes, budgetBytes,
 * complete}; scores are null without ground truth. {@code peakBankBytes} is the most the stream's
 * learner state (frame memories, models, maps) held after any frame.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

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
}
