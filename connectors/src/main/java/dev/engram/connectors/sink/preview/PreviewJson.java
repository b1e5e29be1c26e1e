package dev.engram.connectors.sink.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.operators.preview.Preview;

/**
 * A preview's description as JSON, without its picture: {@code stream, kind, index, timeMs, width,
 * height, caption, label, predicted, sourcePredicted, weather}. The preview folder writes it beside
 * each picture; the dashboard sends it to the page.
 */
public final class PreviewJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviewJson() {}

    public static ObjectNode describe(Preview p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", p.streamId);
        n.put("kind", p.kind);
        n.put("index", p.index);
        n.put("timeMs", p.timeMs);
        n.put("width", p.width);
        n.put("height", p.height);
        n.put("caption", p.caption);
        n.put("label", p.label);
        n.put("predicted", p.predicted);
        n.put("sourcePredicted", p.sourcePredicted);
        if (p.weather != null) n.put("weather", p.weather);
        return n;
    }

    /** The preview a description names, without its picture; null when it names no stream. */
    public static Preview read(JsonNode n) {
        Preview p = new Preview();
        p.streamId = n.path("stream").asText(null);
        if (p.streamId == null) return null;
        p.kind = n.path("kind").asText(null);
        p.index = n.path("index").asLong();
        p.timeMs = n.path("timeMs").asLong();
        p.width = n.path("width").asInt();
        p.height = n.path("height").asInt();
        p.caption = n.path("caption").asText(null);
        p.label = n.path("label").asInt(-1);
        p.predicted = n.path("predicted").asInt(-1);
        p.sourcePredicted = n.path("sourcePredicted").asInt(-1);
        p.weather = n.path("weather").asText(null);
        return p;
    }
}
