package dev.engram.connectors.source;

/**
 * A lightweight reference to one frame of an image-folder stream: which stream, which position and
 * which files. Sources emit these (cheap to checkpoint and ship); {@link FrameDecoder} reads the
 * files, so a corrupt file becomes a dead letter instead of a failed source.
 *
 * <p>A public-field POJO so Flink serializes it without Kryo.
 */
public class FrameRef implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String streamId;
    public long index;
    public String framePath;
    /** The mask file of this frame, or null when it has none. */
    public String maskPath;
    /** Whether the mask is the annotation that starts the stream's objects (else ground truth only). */
    public boolean annotate;

    public FrameRef() {}

    public FrameRef(String streamId, long index, String framePath, String maskPath, boolean annotate) {
        this.streamId = streamId;
        this.index = index;
        this.framePath = framePath;
        this.maskPath = maskPath;
        this.annotate = annotate;
    }

    @Override
    public String toString() {
        return "FrameRef{" + streamId + "#" + index + ", " + framePath + (maskPath == null ? "" : ", " + maskPath) + "}";
    }
}
