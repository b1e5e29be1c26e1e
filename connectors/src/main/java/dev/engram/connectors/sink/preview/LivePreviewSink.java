package dev.engram.connectors.sink.preview;

import dev.engram.operators.preview.Preview;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hands previews to {@link LivePreviews} on one channel: only meaningful where the job runs in the
 * reading process (the embedded MiniCluster). Latest wins; nothing is checkpointed or retried.
 */
public final class LivePreviewSink implements Sink<Preview> {
    private static final long serialVersionUID = 1L;

    private final String channel;

    public LivePreviewSink(String channel) {
        this.channel = channel;
    }

    @Override
    public SinkWriter<Preview> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Preview p, Context c) {
                LivePreviews.publish(channel, p);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
