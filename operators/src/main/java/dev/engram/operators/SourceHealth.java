package dev.engram.operators;

/**
 * The health of a live source (a network camera) at one moment, as it travels with the stream's
 * records to the result outputs ({@code health/<stream>.jsonl}, {@code HEALTH} wire records) and as
 * the camera metrics ({@code cameraConnected}, {@code cameraStalled}, {@code cameraReconnects},
 * {@code cameraFramesDropped}, {@code cameraLastFrameAgeMs}).
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class SourceHealth {
    public String streamId;
    /** The camera's address, without credentials. */
    public String origin;
    /** Wall-clock time of this report, in milliseconds since the Unix epoch. */
    public long timeMs;
    /** Whether a connection is open now. */
    public boolean connected;
    /** Connected (or trying) but no frame for longer than the stall threshold. */
    public boolean stalled;
    /** Never reached since the source started, for longer than the connect timeout. */
    public boolean unreachable;
    /** Connections opened after the first one. */
    public long reconnects;
    /** Frames the overload policy dropped. */
    public long framesDropped;
    /** Frames received from the camera. */
    public long framesReceived;
    /** Milliseconds since the last frame arrived; -1 before the first. */
    public long lastFrameAgeMs = -1;
    /** The last connection error, or null. */
    public String lastError;

    public SourceHealth() {}

    @Override
    public String toString() {
        return "SourceHealth{" + streamId + (connected ? " connected" : " disconnected") + (stalled ? " stalled" : "")
                + (unreachable ? " unreachable" : "") + ", reconnects " + reconnects + ", dropped " + framesDropped + "}";
    }
}
