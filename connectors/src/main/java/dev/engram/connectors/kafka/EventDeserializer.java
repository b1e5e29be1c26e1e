package dev.engram.connectors.kafka;

import dev.engram.connectors.wire.EventRecords;
import dev.engram.connectors.wire.WireFormatException;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An event job's input from a topic: EVENTS records of each stream, and its END. */
public final class EventDeserializer extends WireRecordDeserializer<EventChunk> {
    private static final long serialVersionUID = 1L;

    public EventDeserializer() {
        super(EventChunk.class);
    }

    @Override
    protected InputRecord<EventChunk> convert(WireRecord r, ConsumerRecord<byte[], byte[]> record, String origin) throws WireFormatException {
        return switch (r.kind) {
            case EVENTS -> InputRecord.of(r.streamId, EventRecords.toChunk(r, origin));
            case END -> InputRecord.end(r.streamId);
            default -> throw new WireFormatException("an event job reads EVENTS and END records, not " + r.kind);
        };
    }
}
