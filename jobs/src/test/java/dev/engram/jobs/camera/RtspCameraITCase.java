package dev.engram.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.source.camera.CameraCursor;
import dev.engram.connectors.source.camera.CameraOptions;
import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SourceHealth;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live camera against a real RTSP server (GStreamer) on loopback, over TCP: frames arrive; when the
 * server dies the cursor reports the stall and never blocks; when it comes back the cursor reconnects
 * within 5 s and frames flow again. Over UDP too, which this server offers.
 */
class RtspCameraITCase {
    @TempDir
    Path tmp;

    @Test
    void aCameraThatDiesAndComesBackIsReportedStalledAndReconnectsWithinFiveSecondsWithoutEverBlocking() throws Exception {
        try (RtspServer server = new RtspServer(tmp.resolve("rtsp"), 160, 120, 15)) {
            server.start();
            StreamSplit split = StreamSplit.of("front", SplitKind.CAMERA, server.url()).withParameters(CameraOptions.TRANSPORT.key() + "=tcp");
            CameraCursor cursor = new CameraCursor(split);
            try {
                Read first = read(cursor, 30, TimeUnit.SECONDS.toNanos(30));
                assertThat(first.frames).as("frames over RTSP/TCP; health " + cursor.health() + ", last error " + cursor.health().lastError + ", vlc: " + server.log()).isGreaterThanOrEqualTo(30);
                assertThat(first.width).isEqualTo(160);
                assertThat(cursor.health().connected).isTrue();

                server.kill();
                long killed = System.nanoTime();
                Read during = readUntil(cursor, h -> h.stalled && !h.connected, TimeUnit.SECONDS.toNanos(15));
                assertThat(during.reached).as("reported stalled and disconnected after the server died").isTrue();
                assertThat(during.slowestCallNanos).as("no call blocks").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
                assertThat(System.nanoTime() - killed).isLessThan(TimeUnit.SECONDS.toNanos(15));

                server.start();
                long restarted = System.nanoTime();
                Read after = read(cursor, 10, TimeUnit.SECONDS.toNanos(20));
                double backAfter = after.firstFrameNanos < 0 ? Double.NaN : (after.firstFrameNanos - restarted) / 1e9;
                assertThat(after.frames).as("frames flow again after the restart").isGreaterThanOrEqualTo(10);
                assertThat(backAfter).as("seconds from the restart to the first frame").isLessThan(5.0);
                assertThat(after.slowestCallNanos).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
                SourceHealth h = cursor.health();
                assertThat(h.reconnects).isGreaterThanOrEqualTo(1);
                assertThat(h.connected).isTrue();
                assertThat(h.stalled).isFalse();
            } finally {
                cursor.close();
            }
        }
    }

    @Test
    void rtspOverUdpDeliversFramesWhereTheServerOffersIt() throws Exception {
        try (RtspServer server = new RtspServer(tmp.resolve("rtsp-udp"), 160, 120, 15)) {
            server.start();
            StreamSplit split = StreamSplit.of("side", SplitKind.CAMERA, server.url()).withParameters(CameraOptions.TRANSPORT.key() + "=udp");
            CameraCursor cursor = new CameraCursor(split);
            try {
                Read r = read(cursor, 20, TimeUnit.SECONDS.toNanos(30));
                assertThat(r.frames).as("frames over RTSP/UDP; health " + cursor.health() + ", last error " + cursor.health().lastError).isGreaterThanOrEqualTo(20);
                assertThat(r.width).isEqualTo(160);
            } finally {
                cursor.close();
            }
        }
    }

    private static final class Read {
        int frames, width;
        long firstFrameNanos = -1, slowestCallNanos;
        boolean reached;
    }

    private static Read read(CameraCursor cursor, int frames, long timeoutNanos) throws Exception {
        Read r = new Read();
        long deadline = System.nanoTime() + timeoutNanos;
        while (r.frames < frames && System.nanoTime() < deadline) step(cursor, r);
        return r;
    }

    private static Read readUntil(CameraCursor cursor, java.util.function.Predicate<SourceHealth> condition, long timeoutNanos) throws Exception {
        Read r = new Read();
        long deadline = System.nanoTime() + timeoutNanos;
        while (!r.reached && System.nanoTime() < deadline) {
            step(cursor, r);
            r.reached = condition.test(cursor.health());
        }
        return r;
    }

    /** One poll as the source reader does it: wait what the cursor asks, then take one record. */
    private static void step(CameraCursor cursor, Read r) throws Exception {
        long wait = cursor.nanosUntilNext();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        long t0 = System.nanoTime();
        InputRecord<LabeledFrame> rec = cursor.next();
        r.slowestCallNanos = Math.max(r.slowestCallNanos, System.nanoTime() - t0);
        assertThat(rec).as("a live camera never ends").isNotNull();
        if (rec.value != null) {
            if (r.frames++ == 0) r.firstFrameNanos = System.nanoTime();
            r.width = rec.value.frame.width;
        }
    }
}
