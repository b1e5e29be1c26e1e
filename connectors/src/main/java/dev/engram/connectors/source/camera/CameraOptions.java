package dev.engram.connectors.source.camera;

import dev.engram.memory.Option;
import java.util.List;

/** Options of live camera sources, each declared once with key, default and one sentence. */
public final class CameraOptions {
    private CameraOptions() {}

    public static final Option<String> TRANSPORT = Option.ofString("camera.transport", "tcp",
            "RTSP transport: tcp (interleaved in the RTSP connection, works through NAT and firewalls) or udp.");
    public static final Option<Long> CONNECT_TIMEOUT_MS = Option.ofLong("camera.connect-timeout-ms", 5000,
            "How long opening a camera may take before the attempt fails; a camera never reached for this long is reported unreachable.");
    public static final Option<Long> READ_TIMEOUT_MS = Option.ofLong("camera.read-timeout-ms", 3000,
            "How long a read from an open camera may block before the connection is dropped and reopened (a lost camera never hangs the source).");
    public static final Option<Long> STALL_MS = Option.ofLong("camera.stall-ms", 3000,
            "A camera that delivered no frame for this long is reported stalled.");
    public static final Option<Long> MAX_BACKOFF_MS = Option.ofLong("camera.max-backoff-ms", 2000,
            "Reconnect attempts back off exponentially from 100 ms up to this pause.");
    public static final Option<Integer> QUEUE_FRAMES = Option.ofInt("camera.queue-frames", 8,
            "Frames held between the camera and the job; beyond it the overload policy applies.");
    public static final Option<String> ON_OVERLOAD = Option.ofString("camera.on-overload", "drop-oldest",
            "What a full queue does with a frame: drop-oldest, drop-newest or block.");
    public static final Option<Long> HEALTH_INTERVAL_MS = Option.ofLong("camera.health-interval-ms", 1000,
            "How often a camera's health record goes into the result stream (and at once when it changes).");
    public static final Option<Long> PROBE_BYTES = Option.ofLong("camera.probe-bytes", 32768,
            "FFmpeg probesize: how much of a stream is read to learn its format; small, so a restarted camera is back within seconds.");

    public static final List<Option<?>> ALL = List.of(TRANSPORT, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, STALL_MS, MAX_BACKOFF_MS,
            QUEUE_FRAMES, ON_OVERLOAD, HEALTH_INTERVAL_MS, PROBE_BYTES);
}
