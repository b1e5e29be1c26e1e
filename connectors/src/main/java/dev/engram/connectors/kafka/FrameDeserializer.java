package dev.engram.connectors.kafka;

import dev.engram.connectors.wire.FrameRecords;
import dev.engram.connectors.wire.WireFormatException;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.operators.FrameOrMask;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A VOS job's input from a topic: FRAME and MASK records of each stream, and its END. */
public final class FrameDeserializer extends WireRecordDeserializer<FrameOrMask> {
    private static final long serialVersionUID = 1L;

    public FrameDeserializer() {
        super(FrameOrMask.class);
    }

    @Override
    protected InputRecord<FrameOrMask> convert(WireRecord r, ConsumerRecord<byte[], byte[]> record, String origin) throws WireFormatException {
        return switch (r.kind) {
            case FRAME -> InputRecord.of(r.streamId, FrameOrMask.of(LabeledFrame.of(FrameRecords.toFrame(r, origin))).from(provenance(r, record, origin)));
            case MASK -> InputRecord.of(r.streamId, FrameOrMask.mask(r.sequence, FrameRecords.toMask(r, origin)).from(provenance(r, record, origin)));
            case END -> InputRecord.end(r.streamId);
            default -> throw new WireFormatException("a VOS job reads FRAME, MASK and END records, not " + r.kind);
        };
    }
}
