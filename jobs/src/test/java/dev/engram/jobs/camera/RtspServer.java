package dev.engram.jobs.camera;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server on loopback: GStreamer's RTSP server from Debian's packages
 * ({@code gir1.2-gst-rtsp-server-1.0}, {@code python3-gi}, {@code gstreamer1.0-plugins-base} and
 * {@code -good}, installed by {@code .ci/run}), run by {@code rtsp_server.py} from the test
 * resources: a moving test pattern as RTP/JPEG, over TCP (interleaved) or UDP. (VLC's RTSP output
 * answers a TCP SETUP with 461 Unsupported transport, so it cannot serve the TCP case.) Skipped with
 * a visible assumption where those packages are missing.
 */
final class RtspServer implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    final int port;
    private final Path dir;
    private final int width, height, fps;
    private Process server;

    RtspServer(Path dir, int width, int height, int fps) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer").start().waitFor() == 0,
                "GStreamer's RTSP server is not installed (apt-get install python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good)");
        this.dir = Files.createDirectories(dir);
        this.width = width;
        this.height = height;
        this.fps = fps;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    /** Starts the server and returns once it accepts RTSP connections. */
    void start() throws IOException, InterruptedException {
        Path script = Path.of("target", "test-classes", "rtsp", "rtsp_server.py").toAbsolutePath();
        server = new ProcessBuilder(List.of(PYTHON.toString(), script.toString(), String.valueOf(port), String.valueOf(width),
                String.valueOf(height), String.valueOf(fps))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!server.isAlive()) throw new IllegalStateException("the RTSP server exited: " + log());
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the RTSP server did not listen on " + port + " within 20 s: " + log());
    }

    String log() {
        try {
            return Files.readString(dir.resolve("server.out"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the server at once, as a camera losing power vanishes. */
    void kill() throws InterruptedException {
        if (server == null) return;
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
        server = null;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
