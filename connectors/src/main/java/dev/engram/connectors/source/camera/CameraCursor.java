package dev.engram.connectors.source.camera;

import dev.engram.connectors.source.frames.AnnotationMasks;
import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SourceHealth;
import dev.engram.vos.Frame;

/**
 * A live camera as a stream of frames: a {@link CameraGrabber} fills a bounded {@link FrameQueue}
 * (the overload policy applies when the job is slower than the camera) and this cursor hands the
 * queued frames to the source reader, numbered from the split's position. A camera cannot be
 * replayed: after a restore the numbering goes on from the checkpoint, and frames that arrived while
 * the job was down are gone.
 *
 * <p>Masks: a {@code <stream>/<index>.png} in the split's mask folder annotates frame {@code index}
 * if it is there when that frame leaves the queue (frames wait there only while the job is busy, so
 * the timing is not deterministic).
 *
 * <p>Health: a {@link SourceHealth} record every health interval and as soon as connected, stalled or
 * unreachable changes; a camera never reached within the connect timeout also yields one dead letter
 * saying so, and reconnecting goes on (a camera that comes up later joins). The cursor never blocks.
 */
public final class CameraCursor implements SplitCursor<LabeledFrame>, HealthReporting {
    private static final long IDLE_NANOS = 5_000_000;

    private final StreamSplit split;
    private final CameraAddress address;
    private final FrameQueue<CameraGrabber.Grabbed> queue;
    private final CameraGrabber grabber;
    private final AnnotationMasks masks;
    private final long stallMs, healthIntervalMs, connectTimeoutMs;
    private long position;
    private long nextHealthNanos;
    private boolean reportedUnreachable;
    private SourceHealth last;

    public CameraCursor(StreamSplit split) {
        this.split = split;
        this.address = new CameraAddress(split.location(), split.streamId());
        this.position = split.position();
        this.masks = new AnnotationMasks(split.masks());
        this.stallMs = Long.parseLong(split.parameter(CameraOptions.STALL_MS.key(), String.valueOf(CameraOptions.STALL_MS.defaultValue())));
        this.healthIntervalMs = Long.parseLong(split.parameter(CameraOptions.HEALTH_INTERVAL_MS.key(),
                String.valueOf(CameraOptions.HEALTH_INTERVAL_MS.defaultValue())));
        this.connectTimeoutMs = Long.parseLong(split.parameter(CameraOptions.CONNECT_TIMEOUT_MS.key(),
                String.valueOf(CameraOptions.CONNECT_TIMEOUT_MS.defaultValue())));
        OverloadPolicy policy = OverloadPolicy.of(split.parameter(CameraOptions.ON_OVERLOAD.key(), CameraOptions.ON_OVERLOAD.defaultValue()));
        int capacity = Integer.parseInt(split.parameter(CameraOptions.QUEUE_FRAMES.key(), String.valueOf(CameraOptions.QUEUE_FRAMES.defaultValue())));
        this.queue = new FrameQueue<>(capacity, policy);
        this.grabber = new CameraGrabber(address, new CameraGrabber.Settings(
                split.parameter(CameraOptions.TRANSPORT.key(), CameraOptions.TRANSPORT.defaultValue()), connectTimeoutMs,
                Long.parseLong(split.parameter(CameraOptions.READ_TIMEOUT_MS.key(), String.valueOf(CameraOptions.READ_TIMEOUT_MS.defaultValue()))),
                Long.parseLong(split.parameter(CameraOptions.MAX_BACKOFF_MS.key(), String.valueOf(CameraOptions.MAX_BACKOFF_MS.defaultValue()))),
                Long.parseLong(split.parameter(CameraOptions.PROBE_BYTES.key(), String.valueOf(CameraOptions.PROBE_BYTES.defaultValue())))),
                queue);
        grabber.start();
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        SourceHealth now = health();
        boolean changed = last == null || now.connected != last.connected || now.stalled != last.stalled || now.unreachable != last.unreachable;
        if (changed || System.nanoTime() >= nextHealthNanos) {
            last = now;
            nextHealthNanos = System.nanoTime() + healthIntervalMs * 1_000_000;
            if (now.unreachable && !reportedUnreachable) {
                reportedUnreachable = true;
                // the health record follows on the next call: the dead letter must not wait for it
                last = null;
                return InputRecord.dead(new DeadLetter(split.streamId(), position, address.display(), "camera " + address.display()
                        + " unreachable for " + connectTimeoutMs + " ms" + (now.lastError == null ? "" : " (" + now.lastError + ")")
                        + "; still retrying").at("source"));
            }
            return InputRecord.health(now);
        }
        CameraGrabber.Grabbed g = queue.poll();
        if (g == null) return InputRecord.health(now);
        long index = position++;
        Frame frame = new Frame(split.streamId(), index, g.width(), g.height(), g.rgb());
        frame.timestampMs = g.captureMs();
        frame.origin = address.display() + " frame " + index;
        AnnotationMasks.Result a = masks.read(split.streamId(), index, g.width(), g.height());
        if (a.mask() != null) frame.withAnnotation(a.mask());
        return InputRecord.withProblem(split.streamId(), LabeledFrame.of(frame), a.deadLetter());
    }

    @Override
    public long nanosUntilNext() {
        if (queue.size() > 0 || System.nanoTime() >= nextHealthNanos) return 0;
        return Math.min(IDLE_NANOS, nextHealthNanos - System.nanoTime());
    }

    @Override
    public SourceHealth health() {
        SourceHealth h = new SourceHealth();
        h.streamId = split.streamId();
        h.origin = address.display();
        h.timeMs = System.currentTimeMillis();
        h.connected = grabber.connected();
        h.stalled = grabber.quietMs() > stallMs;
        h.unreachable = !grabber.everConnected() && grabber.quietMs() > connectTimeoutMs;
        h.reconnects = grabber.reconnects();
        h.framesDropped = queue.dropped();
        h.framesReceived = grabber.received();
        h.lastFrameAgeMs = grabber.lastFrameAgeMs();
        h.lastError = grabber.lastError();
        return h;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        grabber.close();
    }
}
