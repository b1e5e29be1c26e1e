package dev.engram.connectors.wire;

import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.operators.events.EventChunk;

/** Event batches as {@code EVENTS} records, and back. */
public final class EventRecords {
    private EventRecords() {}

    /** The first {@code n} events of the arrays as batch {@code sequence} of {@code stream} from a {@code width}×{@code height} sensor. */
    public static WireRecord events(String stream, long sequence, int width, int height, int[] x, int[] y, byte[] p, long[] t, int n) {
        EventsPayload e = new EventsPayload(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(p, n),
                java.util.Arrays.copyOf(t, n));
        return new WireRecord(Kind.EVENTS, stream, sequence).captured(n == 0 ? -1 : t[0])
                .payload(Encoding.EVENTS_SOA, width, height, e.encode());
    }

    /** An EVENTS record as a chunk of its stream. */
    public static EventChunk toChunk(WireRecord r, String origin) throws WireFormatException {
        if (r.encoding != Encoding.EVENTS_SOA) throw new WireFormatException("an EVENTS record carries EVENTS_SOA, not " + r.encoding);
        EventsPayload e = EventsPayload.decode(r);
        EventChunk c = new EventChunk();
        c.streamId = r.streamId;
        c.origin = origin;
        c.chunk = r.sequence;
        c.width = r.width;
        c.height = r.height;
        c.x = e.x();
        c.y = e.y();
        c.polarity = e.polarity();
        c.tUs = e.tUs();
        return c;
    }
}
