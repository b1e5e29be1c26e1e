package dev.engram.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.operators.preview.Preview;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's server serves its fixed assets and read-only API, and nothing else, whatever the request. */
class DashboardServerTest {
    private final FakeMetrics metrics = new FakeMetrics();
    private DashboardServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        metrics.set("cam-0", "framesIn", 3).set("cam-0", "bankBytes", 10).set("cam-0", "lastRecordTimeMs", System.currentTimeMillis());
        Preview p = new Preview();
        p.streamId = "cam-0";
        p.kind = Preview.VOS;
        p.jpeg = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01};
        server = DashboardServer.start(DashboardAddress.parse("0", false),
                new DashboardModel(metrics, () -> Map.of("cam-0", p), 15_000));
        server.model().poll();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String rawTarget) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri().toString().replaceAll("/$", "") + rawTarget)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request line exactly as given (no client-side normalisation) and returns the status line. */
    private String raw(String requestLine) throws Exception {
        try (Socket s = new Socket(server.uri().getHost(), server.uri().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') line.append((char) c);
            return line.toString().trim();
        }
    }

    @Test
    void servesThePageItsScriptsTheWebJarPlotLibraryAndTheState() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("/assets/uPlot.iife.min.js", "/assets/app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<byte[]> uplot = get("/assets/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(new String(uplot.body(), StandardCharsets.UTF_8)).contains("uPlot");
        assertThat(get("/assets/uPlot.min.css").statusCode()).isEqualTo(200);
        assertThat(get("/assets/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/assets/app.css").statusCode()).isEqualTo(200);
        String state = new String(get("/api/state").body(), StandardCharsets.UTF_8);
        assertThat(state).contains("\"id\":\"cam-0\"", "\"kind\":\"vos\"");
        HttpResponse<byte[]> picture = get("/api/preview?stream=cam-0");
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(get("/api/preview?stream=cam-9").statusCode()).isEqualTo(404);
    }

    @Test
    void pathsOutsideTheRouteTableAreNotFoundHoweverTheyAreSpelled() throws Exception {
        for (String target : new String[] {"/../../../../etc/passwd", "/assets/../../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
                "/assets/..%2f..%2fetc%2fpasswd", "/assets%2fapp.js", "/%2Fetc%2Fpasswd", "//etc/passwd", "/etc/passwd",
                "/assets/", "/assets/app.js/", "/assets/./app.js", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                "/dev/engram/jobs/dashboard/app.js", "/assets/app.js%00.png", "/assets/app.js;.css", "/assets/APP.JS",
                "/assets/..\\..\\etc\\passwd", "/api/state/../../etc/passwd", "/api/preview/../../etc/passwd",
                "/assets/uPlot.d.ts", "/assets/LICENSE"}) {
            String status = raw("GET " + target + " HTTP/1.1");
            assertThat(status).as(target).matches("HTTP/1\\.1 40[04].*");
        }
        assertThat(raw("GET /etc/passwd HTTP/1.1")).contains("404");
        // absolute-form targets name this server's own paths only
        assertThat(raw("GET http://localhost/../etc/passwd HTTP/1.1")).matches("HTTP/1\\.1 40[04].*");
        assertThat(raw("GET file:///etc/passwd HTTP/1.1")).matches("HTTP/1\\.1 40[04].*");
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(server.failures()).isZero();
    }

    @Test
    void hugeQueryStringsAndMalformedParametersGetClearAnswersAndTheServerGoesOn() throws Exception {
        String huge = "x".repeat(200_000);
        assertThat(raw("GET /api/state?" + huge + " HTTP/1.1")).startsWith("HTTP/1.1 414");
        assertThat(raw("GET /api/preview?stream=" + huge + " HTTP/1.1")).startsWith("HTTP/1.1 414");
        assertThat(raw("GET /" + "a/".repeat(1500) + " HTTP/1.1")).startsWith("HTTP/1.1 414");
        assertThat(raw("GET /api/preview?stream=%zz HTTP/1.1")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/preview?stream=% HTTP/1.1")).startsWith("HTTP/1.1 400");
        assertThat(get("/api/preview").statusCode()).isEqualTo(400);
        assertThat(get("/api/preview?stream=" + "%2e%2e%2f".repeat(20) + "etc%2fpasswd").statusCode()).isEqualTo(404);
        assertThat(get("/api/preview?stream=cam-0&stream=../x&&&==&").statusCode()).isEqualTo(200);
        for (int i = 0; i < 20; i++) assertThat(get("/api/state").statusCode()).isEqualTo(200);
        assertThat(server.failures()).isZero();
    }

    @Test
    void theDashboardIsReadOnly() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/state"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(raw("CONNECT 127.0.0.1:22 HTTP/1.1")).matches("HTTP/1\\.1 40[05].*");
        assertThat(raw("BREW /api/state HTTP/1.1")).startsWith("HTTP/1.1 405");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(server.uri()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void liveUpdatesArriveAsServerSentEvents() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (InputStream in = r.body()) {
            metrics.set("cam-0", "lastRecordTimeMs", System.currentTimeMillis() + 1);
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!seen.toString().contains("\"point\"") && System.nanoTime() < deadline) {
                int c = in.read();
                if (c < 0) break;
                seen.append((char) c);
            }
            assertThat(seen.toString()).contains("event: update", "\"id\":\"cam-0\"", "\"point\"");
        }
    }

    @Test
    void aNonLoopbackAddressIsRefusedUnlessRemoteAccessIsAsked() throws Exception {
        assertThatThrownBy(() -> DashboardAddress.parse("0.0.0.0:0", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dashboard-allow-remote");
        String own = java.net.InetAddress.getLocalHost().getHostAddress();
        if (!java.net.InetAddress.getByName(own).isLoopbackAddress()) {
            assertThatThrownBy(() -> DashboardAddress.parse(own + ":0", false)).hasMessageContaining("not a loopback address");
        }
        assertThat(DashboardAddress.parse("0.0.0.0:0", true).host().isAnyLocalAddress()).isTrue();
        assertThat(DashboardAddress.parse("8080", false).host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(DashboardAddress.parse("localhost:0", false).host().isLoopbackAddress()).isTrue();
        assertThat(DashboardAddress.parse("[::1]:0", false).host().isLoopbackAddress()).isTrue();
        for (String bad : new String[] {"", "x", "1:2:3", "127.0.0.1:70000", "127.0.0.1:-1", ":80", "[::1]80"}) {
            assertThatThrownBy(() -> DashboardAddress.parse(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        // A refused address never gets as far as a socket: the default stays on loopback.
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }
}
