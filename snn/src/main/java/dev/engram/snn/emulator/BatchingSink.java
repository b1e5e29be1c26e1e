package dev.engram.snn.emulator;

import dev.engram.snn.events.EventBatch;
import java.util.function.Consumer;

/**
 * Packs emulated events into one reusable {@link EventBatch} and hands it to a consumer each time it is
 * full and on {@link #flush()}; as with decoders, the consumer copies what it keeps.
 */
public final class BatchingSink implements EventSink {
    private final EventBatch batch;
    private final Consumer<EventBatch> consumer;

    public BatchingSink(EventBatch batch, Consumer<EventBatch> consumer) {
        this.batch = batch;
        this.consumer = consumer;
        batch.clear();
    }

    @Override
    public void event(int x, int y, boolean on, long tUs) {
        batch.add(x, y, on, tUs);
        if (batch.size() == batch.capacity()) flush();
    }

    /** Hands over the pending events, if any. */
    public void flush() {
        if (batch.isEmpty()) return;
        consumer.accept(batch);
        batch.clear();
    }
}
