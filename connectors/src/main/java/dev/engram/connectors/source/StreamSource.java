package dev.engram.connectors.source;

import dev.engram.connectors.source.enumerator.EnumeratorState;
import dev.engram.connectors.source.enumerator.EnumeratorStateSerializer;
import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.enumerator.StreamSplitEnumerator;
import dev.engram.connectors.source.reader.SplitFormat;
import dev.engram.connectors.source.reader.StreamSplitReader;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.connectors.source.split.StreamSplitSerializer;
import dev.engram.operators.InputRecord;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source of Engram streams. A {@link SplitDiscovery} finds the streams inside the job (a
 * video, a DAVIS sequence, an event recording, a synthetic camera, …: one split each), the
 * {@link StreamSplitEnumerator} hands them to the readers round robin, and each
 * {@link StreamSplitReader} reads its streams through the {@link SplitFormat}, several in turn.
 *
 * <p>Semantics: every stream is read by one reader, in order, and the source emits
 * {@link InputRecord}s: records, dead letters for input that cannot be decoded (with reason and
 * bytes; never a failed job) and one end-of-stream marker per stream. Readers checkpoint each
 * stream's position, so after a failure the job resumes each stream after its last checkpointed
 * record: with a transactional sink, output is exactly once. Bounded when the discovery is (the job
 * ends when every stream has); otherwise new streams keep joining.
 *
 * <p>Build with {@link #builder}.
 *
 * @param <T> the record type
 */
public final class StreamSource<T> implements Source<InputRecord<T>, StreamSplit, EnumeratorState>,
        ResultTypeQueryable<InputRecord<T>> {
    private static final long serialVersionUID = 1L;

    private final SplitDiscovery discovery;
    private final SplitFormat<T> format;
    private final Class<T> recordType;
    private final int maxOpenStreams;

    private StreamSource(Builder<T> b) {
        this.discovery = Objects.requireNonNull(b.discovery, "discovery");
        this.format = Objects.requireNonNull(b.format, "format");
        this.recordType = Objects.requireNonNull(b.recordType, "recordType");
        this.maxOpenStreams = b.maxOpenStreams;
    }

    public static <T> Builder<T> builder(Class<T> recordType) {
        return new Builder<>(recordType);
    }

    @Override
    public Boundedness getBoundedness() {
        return discovery.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<InputRecord<T>, StreamSplit> createReader(SourceReaderContext readerContext) {
        return new StreamSplitReader<>(readerContext, format, maxOpenStreams);
    }

    @Override
    public SplitEnumerator<StreamSplit, EnumeratorState> createEnumerator(SplitEnumeratorContext<StreamSplit> context) {
        return new StreamSplitEnumerator(context, discovery, EnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<StreamSplit, EnumeratorState> restoreEnumerator(SplitEnumeratorContext<StreamSplit> context,
            EnumeratorState checkpoint) {
        return new StreamSplitEnumerator(context, discovery, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<StreamSplit> getSplitSerializer() {
        return StreamSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return EnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<InputRecord<T>> getProducedType() {
        return InputRecord.typeInfo(recordType);
    }

    /** Builder of a {@link StreamSource}. */
    public static final class Builder<T> {
        private final Class<T> recordType;
        private SplitDiscovery discovery;
        private SplitFormat<T> format;
        private int maxOpenStreams = SourceOptions.MAX_OPEN_STREAMS.defaultValue();

        private Builder(Class<T> recordType) {
            this.recordType = recordType;
        }

        /** Where the streams come from. */
        public Builder<T> discovery(SplitDiscovery discovery) {
            this.discovery = discovery;
            return this;
        }

        /** How a stream is read. */
        public Builder<T> format(SplitFormat<T> format) {
            this.format = format;
            return this;
        }

        /** Streams a reader reads in turn ({@link SourceOptions#MAX_OPEN_STREAMS}); the rest wait in order. */
        public Builder<T> maxOpenStreams(int n) {
            if (n < 1) throw new IllegalArgumentException(SourceOptions.MAX_OPEN_STREAMS.key() + " must be at least 1, got " + n);
            this.maxOpenStreams = n;
            return this;
        }

        public StreamSource<T> build() {
            return new StreamSource<>(this);
        }
    }
}
