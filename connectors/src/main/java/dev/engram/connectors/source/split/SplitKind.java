package dev.engram.connectors.source.split;

/** What a {@link StreamSplit}'s location is, and so which reader cursor reads it. Names are part of the checkpoint format: never rename. */
public enum SplitKind {
    /** A video file FFmpeg decodes. */
    VIDEO,
    /** A DAVIS-layout sequence folder: {@code frames/*.jpg} and {@code masks/*.png}. */
    IMAGE_SEQUENCE,
    /** A seeded synthetic camera with exact ground truth. */
    SYNTHETIC_CAMERA,
    /** An event recording in any format the snn decoders read. */
    EVENT_RECORDING,
    /** Events emulated from a seeded synthetic camera. */
    SYNTHETIC_EVENTS,
    /** MNIST digits from an IDX folder, in batches, under a corruption schedule. */
    MNIST_DIGITS,
    /** A DAVIS sequence played forward and backward for a long stream, ground truth on every frame. */
    LOOPED_SEQUENCE,
    /** Rendered digits moving through drifting weather, in batches, labels known. */
    SYNTHETIC_DIGITS,
    /** A live network camera (RTSP, HTTP MJPEG, any FFmpeg network input); cannot be replayed. */
    CAMERA,
    /** A synthetic scene whose appearance drifts and never returns, ground truth on every frame. */
    SYNTHETIC_DRIFT
}
