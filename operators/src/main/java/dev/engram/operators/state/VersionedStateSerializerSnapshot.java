package dev.engram.operators.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The savepoint-side description of a {@link VersionedStateSerializer}: it records the state-block
 * version the writing build wrote (snapshot version 2; version 1 recorded nothing, and its blocks
 * are judged one by one by the state's own reader). On restore the new build's snapshot is asked
 * about the old one and answers {@code compatibleAsIs} when this build reads that state version, and
 * {@code incompatible} otherwise, logging {@link #incompatibilityReason} (which names the version and
 * the range this build reads) so the refusal says why. A snapshot of another class is incompatible.
 * Reading a snapshot of an unknown snapshot version fails with an {@link IOException} naming it: its
 * layout cannot be known.
 *
 * <p>Flink restores a snapshot by its class name through a public no-argument constructor, so each
 * serializer keeps its own final subclass, and that class name must not change.
 *
 * @param <T> the state type
 */
public abstract class VersionedStateSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    /** Version 1: no payload. Version 2: the state-block version written, as an int. */
    public static final int SNAPSHOT_VERSION = 2;
    /** The state version of a version-1 snapshot, which did not record it. */
    public static final int UNRECORDED = -1;

    private static final Logger LOG = LoggerFactory.getLogger(VersionedStateSerializerSnapshot.class);

    private final String stateName;
    private final int oldestReadableStateVersion;
    private final int currentStateVersion;
    private int stateVersion;

    /**
     * @param stateName what the serializer serializes, for messages ("segmenter state")
     * @param oldestReadableStateVersion the oldest state-block version this build's reader accepts
     * @param currentStateVersion the state-block version this build writes (and the newest it reads)
     */
    protected VersionedStateSerializerSnapshot(String stateName, int oldestReadableStateVersion, int currentStateVersion) {
        this.stateName = stateName;
        this.oldestReadableStateVersion = oldestReadableStateVersion;
        this.currentStateVersion = currentStateVersion;
        this.stateVersion = currentStateVersion;
    }

    @Override
    public final int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    /** The state-block version the build that wrote this snapshot wrote, or {@link #UNRECORDED}. */
    public final int stateVersion() {
        return stateVersion;
    }

    @Override
    public final void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(currentStateVersion);
    }

    @Override
    public final void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        switch (readVersion) {
            case 1 -> stateVersion = UNRECORDED;
            case 2 -> stateVersion = in.readInt();
            default -> throw new IOException("unknown " + stateName + " serializer snapshot version " + readVersion
                    + " (this build reads snapshot versions 1.." + SNAPSHOT_VERSION + "): written by a newer Engram?");
        }
    }

    /**
     * Why this build cannot restore state described by {@code old}, or null when it can. A snapshot
     * that recorded no state version is accepted here; each block is then checked by its reader.
     */
    public final String incompatibilityReason(TypeSerializerSnapshot<T> old) {
        if (old == null || old.getClass() != getClass()) {
            return "state was written by " + (old == null ? "no serializer" : old.getClass().getName())
                    + ", not " + getClass().getName();
        }
        int v = ((VersionedStateSerializerSnapshot<T>) old).stateVersion;
        if (v == UNRECORDED || (v >= oldestReadableStateVersion && v <= currentStateVersion)) return null;
        return stateName + " version " + v + (v > currentStateVersion ? " was written by a newer Engram" : " is no longer readable")
                + "; this build reads " + stateName + " versions " + oldestReadableStateVersion + ".." + currentStateVersion;
    }

    @Override
    public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSerializerSnapshot) {
        String reason = incompatibilityReason(oldSerializerSnapshot);
        if (reason == null) return TypeSerializerSchemaCompatibility.compatibleAsIs();
        LOG.error("Cannot restore {}: {}", stateName, reason);
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
