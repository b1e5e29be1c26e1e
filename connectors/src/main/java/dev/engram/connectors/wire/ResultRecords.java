package dev.engram.connectors.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.connectors.sink.ResultOutputs;
import dev.engram.connectors.sink.SummaryJson;
import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.SourceHealth;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.events.EventResult;
import dev.engram.operators.tta.AdaptedBatch;
import dev.engram.vos.io.MaskFiles;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.util.Collector;

/**
 * Results as wire records, the Kafka counterpart of {@link ResultOutputs}: a {@code RESULT} per
 * frame, window or batch whose metadata is the same JSON line the file sink writes plus
 * {@code "job"} ({@code vos}, {@code events} or {@code tta}); a VOS result carries its mask as the
 * payload (palette PNG or run-length ids). A stream's end is an {@code END} record; summaries are
 * {@code SUMMARY} records with a JSON payload; dead letters {@code DEAD_LETTER} records whose metadata
 * says why and where and whose payload is the original bytes.
 */
public final class ResultRecords {
    private ResultRecords() {}

    /** VOS per-frame results, with the mask in {@code maskEncoding} (PNG or MASK_RLE). */
    public static final class Frames implements FlatMapFunction<SegmentedFrame, WireRecord> {
        private static final long serialVersionUID = 1L;
        private final Encoding maskEncoding;

        public Frames(Encoding maskEncoding) {
            if (maskEncoding != Encoding.PNG && maskEncoding != Encoding.MASK_RLE) {
                throw new IllegalArgumentException("result masks are PNG or MASK_RLE, not " + maskEncoding);
            }
            this.maskEncoding = maskEncoding;
        }

        @Override
        public void flatMap(SegmentedFrame f, Collector<WireRecord> out) {
            if (f.endOfStream) {
                out.collect(new WireRecord(Kind.END, f.streamId, -1));
                return;
            }
            ObjectNode line = ResultOutputs.frameLine(f).put("job", "vos");
            byte[] mask = maskEncoding == Encoding.PNG ? MaskFiles.encodePng(f.maskAsMask()) : MaskRuns.encode(f.mask);
            out.collect(new WireRecord(Kind.RESULT, f.streamId, f.index).captured(f.timestampMs < 0 ? -1 : f.timestampMs * 1000)
                    .metadata(line.toString()).payload(maskEncoding, f.width, f.height, mask));
        }
    }

    /** A stream's latest summary. */
    public static final class Summaries implements MapFunction<StreamSummary, WireRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public WireRecord map(StreamSummary s) {
            return new WireRecord(Kind.SUMMARY, s.streamId, -1)
                    .payload(Encoding.JSON, 0, 0, SummaryJson.toJson(s).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Event windows or samples. */
    public static final class Events implements FlatMapFunction<EventResult, WireRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(EventResult r, Collector<WireRecord> out) {
            if (r.endOfStream) {
                out.collect(new WireRecord(Kind.END, r.streamId, -1));
                return;
            }
            out.collect(new WireRecord(Kind.RESULT, r.streamId, r.index).captured(r.tStartUs)
                    .metadata(ResultOutputs.eventLine(r).put("job", "events").toString()));
        }
    }

    /** TTA batches. */
    public static final class Tta implements FlatMapFunction<AdaptedBatch, WireRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(AdaptedBatch b, Collector<WireRecord> out) {
            if (b.endOfStream) {
                out.collect(new WireRecord(Kind.END, b.streamId, -1));
                return;
            }
            out.collect(new WireRecord(Kind.RESULT, b.streamId, b.index).metadata(ResultOutputs.ttaLine(b).put("job", "tta").toString()));
        }
    }

    /** Health reports of live sources. */
    public static final class Health implements MapFunction<SourceHealth, WireRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public WireRecord map(SourceHealth h) {
            return new WireRecord(Kind.HEALTH, h.streamId, -1).captured(h.timeMs * 1000)
                    .payload(Encoding.JSON, 0, 0, ResultOutputs.healthJson(h).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Dead letters of every step. */
    public static final class DeadLetters implements MapFunction<DeadLetter, WireRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public WireRecord map(DeadLetter d) {
            return deadLetter(d);
        }
    }

    public static WireRecord deadLetter(DeadLetter d) {
        String stream = d.streamId == null || d.streamId.isEmpty() ? "unknown" : d.streamId;
        return new WireRecord(Kind.DEAD_LETTER, stream, d.index).metadata(ResultOutputs.deadLetterJson(d).toString())
                .payload(Encoding.NONE, 0, 0, d.bytes);
    }
}
