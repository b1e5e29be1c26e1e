package dev.engram.connectors.source.camera;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Reads one camera on a thread of its own into a {@link FrameQueue}, for as long as it is open:
 * connects, grabs frames, and on any failure (refused, timed out, stream ended) closes the connection
 * and reconnects after an exponential back-off (100 ms doubling up to the cap). Every blocking FFmpeg
 * call is bounded by a timeout ({@code timeout} and {@code rw_timeout} in microseconds, and JavaCV's
 * own), so a lost camera never hangs the thread; probing is kept short so a restarted camera is back
 * within seconds. The FFmpeg grabber is opened and closed on this thread only.
 */
final class CameraGrabber implements Runnable, AutoCloseable {
    /** A frame as it came from the camera: packed RGB and its capture time. */
    record Grabbed(byte[] rgb, int width, int height, long captureMs) {}

    record Settings(String transport, long connectTimeoutMs, long readTimeoutMs, long maxBackoffMs, long probeBytes) {}

    private final CameraAddress address;
    private final Settings settings;
    private final FrameQueue<Grabbed> queue;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile long connections;
    private volatile long received;
    private volatile long lastFrameNanos = -1;
    private volatile String lastError;
    private final long startNanos = System.nanoTime();

    CameraGrabber(CameraAddress address, Settings settings, FrameQueue<Grabbed> queue) {
        this.address = address;
        this.settings = settings;
        this.queue = queue;
        this.thread = new Thread(this, "engram-camera-" + address.streamId());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        int failures = 0;
        while (!closed) {
            FFmpegFrameGrabber g = open();
            try {
                g.start();
                if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) throw new IllegalStateException("no video stream");
                connected = true;
                connections++;
                failures = 0;
                long realtimeStartUs = g.getFormatContext() == null ? 0 : g.getFormatContext().start_time_realtime();
                while (!closed) {
                    Frame image = g.grabImage();
                    if (image == null) throw new IllegalStateException("the stream ended");
                    long ts = g.getTimestamp();
                    // The camera's clock where it sends one (RTCP sender reports), else the time the frame arrived.
                    long captureMs = realtimeStartUs > 0 && ts >= 0 ? (realtimeStartUs + ts) / 1000 : System.currentTimeMillis();
                    received++;
                    lastFrameNanos = System.nanoTime();
                    if (!queue.put(new Grabbed(rgb(image), image.imageWidth, image.imageHeight, captureMs))) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception | Error e) {
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                connected = false;
                close(g);
            }
            if (closed) break;
            long pause = Math.min(settings.maxBackoffMs(), 100L << Math.min(10, failures++));
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private FFmpegFrameGrabber open() {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(address.url());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        if (address.url().startsWith("rtsp")) g.setOption("rtsp_transport", settings.transport());
        g.setOption("timeout", String.valueOf(settings.connectTimeoutMs() * 1000));
        g.setOption("rw_timeout", String.valueOf(settings.readTimeoutMs() * 1000));
        g.setOption("analyzeduration", "1000000");
        g.setOption("probesize", String.valueOf(settings.probeBytes()));
        g.setOption("fflags", "nobuffer");
        g.setTimeout((int) Math.max(settings.connectTimeoutMs(), settings.readTimeoutMs()));
        return g;
    }

    private static void close(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // the connection is already gone; nothing to keep
        }
    }

    private static byte[] rgb(Frame image) {
        int w = image.imageWidth, h = image.imageHeight, stride = image.imageStride;
        ByteBuffer buffer = (ByteBuffer) image.image[0];
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) buffer.get(y * stride, rgb, y * w * 3, w * 3);
        return rgb;
    }

    boolean connected() {
        return connected;
    }

    /** Connections opened after the first. */
    long reconnects() {
        return Math.max(0, connections - 1);
    }

    boolean everConnected() {
        return connections > 0;
    }

    long received() {
        return received;
    }

    /** Milliseconds since the last frame, or since the grabber started when there was none yet. */
    long quietMs() {
        long since = lastFrameNanos < 0 ? startNanos : lastFrameNanos;
        return (System.nanoTime() - since) / 1_000_000;
    }

    long lastFrameAgeMs() {
        return lastFrameNanos < 0 ? -1 : (System.nanoTime() - lastFrameNanos) / 1_000_000;
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        closed = true;
        queue.close();
        try {
            // every FFmpeg call is bounded by the timeouts above, so the thread ends within them
            thread.join(settings.connectTimeoutMs() + settings.readTimeoutMs() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
