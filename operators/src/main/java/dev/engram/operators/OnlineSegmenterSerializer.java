package dev.engram.operators;

import dev.engram.operators.state.VersionedStateSerializer;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Serializes a stream's {@link OnlineSegmenter} for checkpoints and savepoints through its own
 * versioned {@code writeState}/{@code readState}, as one length-prefixed block (see
 * {@link VersionedStateSerializer}). Failure: a state block the segmenter cannot read fails the restore
 * with the segmenter's {@link IOException}.
 */
public final class OnlineSegmenterSerializer extends VersionedStateSerializer<OnlineSegmenter> {
    private static final long serialVersionUID = 1L;

    public static final OnlineSegmenterSerializer INSTANCE = new OnlineSegmenterSerializer();

    public OnlineSegmenterSerializer() {
        super("segmenter state");
    }

    @Override
    protected void writeState(OnlineSegmenter segmenter, DataOutputStream out) throws IOException {
        segmenter.writeState(out);
    }

    @Override
    protected OnlineSegmenter readState(DataInputStream in) throws IOException {
        return OnlineSegmenter.readState(in);
    }

    @Override
    public OnlineSegmenter createInstance() {
        return new OnlineSegmenter(VosOptions.defaults());
    }

    @Override
    public TypeSerializerSnapshot<OnlineSegmenter> snapshotConfiguration() {
        return new OnlineSegmenterSerializerSnapshot();
    }
}
