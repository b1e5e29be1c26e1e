package dev.engram.connectors.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.file.OutputFile;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.SourceHealth;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.events.EventResult;
import dev.engram.operators.tta.AdaptedBatch;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns results into {@link OutputFile}s in the {@link OutputLayout}: the encoders between the
 * learner operators and the {@code FileOutputSink}. Each is a stateless flat map; the JSON they write
 * is documented in the README (output layout).
 */
public final class ResultOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultOutputs() {}

    /** Masks as PNGs and one line per frame in {@code frames/<stream>.jsonl}; the end marker finishes that file. */
    public static final class Frames implements FlatMapFunction<SegmentedFrame, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(SegmentedFrame f, Collector<OutputFile> out) {
            if (f.endOfStream) {
                out.collect(OutputFile.finish(OutputLayout.frames(f.streamId)));
                return;
            }
            out.collect(OutputFile.file(OutputLayout.mask(f.streamId, f.index), MaskFiles.encodePng(f.maskAsMask())));
            out.collect(OutputFile.line(OutputLayout.frames(f.streamId), f.index, bytes(frameLine(f))));
        }
    }

    /** The JSON line of one frame: its objects' areas, learner figures and, with ground truth, its J. */
    public static ObjectNode frameLine(SegmentedFrame f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", f.streamId);
        n.put("index", f.index);
        n.put("timestampMs", f.timestampMs);
        ObjectNode areas = n.putObject("objects");
        int[] counts = new int[256];
        for (byte b : f.mask) counts[b & 0xFF]++;
        for (int id = 1; id < 256; id++) if (counts[id] > 0) areas.put(String.valueOf(id), counts[id]);
        n.put("learnerBytes", f.memoryBytes);
        n.put("bankBytes", f.bankBytes);
        n.put("budgetBytes", f.budgetBytes);
        n.put("bankEntries", f.bankEntries);
        n.put("updates", f.updates);
        number(n, "lastLoss", f.lastLoss);
        if (f.objectJ != null) {
            ArrayNode j = n.putArray("J"), b = n.putArray("F");
            for (double v : f.objectJ) j.add(v);
            for (double v : f.objectF) b.add(v);
        }
        if (f.heapAfterGcBytes > 0) n.put("heapAfterGcBytes", f.heapAfterGcBytes);
        n.put("processingMs", f.processingNanos / 1e6);
        n.put("processingCpuMs", f.processingCpuNanos / 1e6);
        return n;
    }

    /** The latest summary of a stream, replacing the previous one. */
    public static final class Summaries implements FlatMapFunction<StreamSummary, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(StreamSummary s, Collector<OutputFile> out) {
            out.collect(OutputFile.file(OutputLayout.summary(s.streamId), bytes(SummaryJson.toJson(s))));
        }
    }

    /** The latest health report of a live source, replacing the previous one. */
    public static final class Health implements FlatMapFunction<SourceHealth, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(SourceHealth h, Collector<OutputFile> out) {
            out.collect(OutputFile.file(OutputLayout.health(h.streamId), bytes(healthJson(h))));
        }
    }

    /** A health report as JSON. */
    public static ObjectNode healthJson(SourceHealth h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", h.streamId);
        n.put("origin", h.origin);
        n.put("timeMs", h.timeMs);
        n.put("connected", h.connected);
        n.put("stalled", h.stalled);
        n.put("unreachable", h.unreachable);
        n.put("reconnects", h.reconnects);
        n.put("framesReceived", h.framesReceived);
        n.put("framesDropped", h.framesDropped);
        n.put("lastFrameAgeMs", h.lastFrameAgeMs);
        if (h.lastError != null) n.put("lastError", h.lastError);
        return n;
    }

    /** One line per event sample or window in {@code events/<stream>.jsonl}; the end marker finishes it. */
    public static final class Events implements FlatMapFunction<EventResult, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(EventResult r, Collector<OutputFile> out) {
            if (r.endOfStream) {
                out.collect(OutputFile.finish(OutputLayout.events(r.streamId)));
                return;
            }
            out.collect(OutputFile.line(OutputLayout.events(r.streamId), r.index, bytes(eventLine(r))));
        }
    }

    /** The JSON line of one event sample or window ({@code engram events run}'s format). */
    public static ObjectNode eventLine(EventResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", r.streamId);
        n.put("origin", r.origin);
        n.put("index", r.index);
        n.put("tStartUs", r.tStartUs);
        n.put("tEndUs", r.tEndUs);
        n.put("events", r.events);
        n.put("spikes", r.spikes);
        n.put("label", r.label);
        if (r.modality != null) n.put("modality", r.modality);
        if (r.scores != null) {
            n.put("predicted", r.predicted);
            ArrayNode a = n.putArray("scores");
            for (double v : r.scores) {
                if (Double.isNaN(v)) a.addNull(); // a class without an anchor
                else a.add((float) v);
            }
        }
        if (r.embedding != null) {
            ArrayNode a = n.putArray("embedding");
            for (float v : r.embedding) a.add(v);
        }
        return n;
    }

    /** One line per adapted batch in {@code tta/<stream>.jsonl}; the end marker finishes it. */
    public static final class Tta implements FlatMapFunction<AdaptedBatch, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(AdaptedBatch b, Collector<OutputFile> out) {
            if (b.endOfStream) {
                out.collect(OutputFile.finish(OutputLayout.tta(b.streamId)));
                return;
            }
            out.collect(OutputFile.line(OutputLayout.tta(b.streamId), b.index, bytes(ttaLine(b))));
        }
    }

    /** The JSON line of one adapted batch. */
    public static ObjectNode ttaLine(AdaptedBatch b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", b.streamId);
        n.put("index", b.index);
        n.put("count", b.count);
        if (b.condition != null) n.put("condition", b.condition);
        n.put("labelled", b.labelled);
        n.put("errors", b.errors);
        n.put("sourceErrors", b.sourceErrors);
        number(n, "entropy", b.meanEntropy);
        n.put("resets", b.resets);
        n.put("memoryBytes", b.memoryBytes);
        n.put("stateHash", b.stateHash);
        ArrayNode p = n.putArray("predictions");
        if (b.predictions != null) for (int v : b.predictions) p.add(v);
        return n;
    }

    /** What a dead letter says of itself: stream, position, stage, origin, reason, byte offset, byte count and, from a topic, its coordinates. */
    public static ObjectNode deadLetterJson(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stream", d.streamId);
        n.put("index", d.index);
        n.put("stage", d.stage);
        n.put("origin", d.origin);
        n.put("reason", d.reason);
        n.put("byteOffset", d.byteOffset);
        n.put("bytes", d.bytes == null ? 0 : d.bytes.length);
        if (d.sourceTopic != null) {
            n.put("topic", d.sourceTopic);
            n.put("partition", d.sourcePartition);
            n.put("offset", d.sourceOffset);
            if (d.sourceKey != null) n.put("key", java.util.Base64.getEncoder().encodeToString(d.sourceKey));
        }
        return n;
    }

    /** A dead letter as {@code <position>.json} (reason, stage, origin, offset) and its original bytes as {@code .bin}. */
    public static final class DeadLetters implements FlatMapFunction<DeadLetter, OutputFile> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(DeadLetter d, Collector<OutputFile> out) {
            String base = OutputLayout.deadLetter(d.streamId, d.index, d.stage);
            ObjectNode n = deadLetterJson(d);
            if (d.bytes != null) {
                String bin = base + ".bin";
                n.put("bytesFile", bin.substring(bin.lastIndexOf('/') + 1));
                out.collect(OutputFile.file(bin, d.bytes));
            }
            out.collect(OutputFile.file(base + ".json", bytes(n)));
        }
    }

    static void number(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) n.put(field, value);
        else n.putNull(field);
    }

    static byte[] bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode output JSON", e);
        }
    }
}
