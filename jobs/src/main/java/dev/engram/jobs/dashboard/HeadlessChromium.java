package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A real headless Chromium (the machine's own, Debian's {@code chromium} package: never a downloaded
 * browser) driven through the Chrome DevTools Protocol over its WebSocket, with the JDK's HTTP client:
 * one page, JavaScript evaluation, screenshots, the page's JS heap and the browser's resident memory.
 * Used by the dashboard's browser test and by {@code engram bench dashboard}.
 *
 * <p>The browser runs with a throw-away profile under the given folder, no sandbox (it may run as
 * root in CI), no GPU, no background networking or component updates. Failure: a missing binary, a
 * browser that does not start within 30 s or a command that does not answer in time is an
 * IOException; a script that throws is an IOException carrying the page's exception text.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private String session;

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser binary: {@code $ENGRAM_CHROMIUM} or {@link #DEFAULT_BINARY}. */
    public static Path binary() {
        String env = System.getenv("ENGRAM_CHROMIUM");
        return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_BINARY;
    }

    /** Whether {@link #binary()} is there to run. */
    public static boolean available() {
        return Files.isExecutable(binary());
    }

    /** Starts the browser with a {@code width}x{@code height} window and one blank page. */
    public static HeadlessChromium launch(Path workDir, int width, int height) throws IOException {
        Path bin = binary();
        if (!Files.isExecutable(bin)) throw new IOException(bin + ": no Chromium here (Debian: apt-get install chromium)");
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> cmd = List.of(bin.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-sync", "--disable-dev-shm-usage", "--mute-audio",
                "--window-size=" + width + "," + height, "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path active = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> lines = List.of();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new IOException("Chromium exited with " + p.exitValue() + "; see " + profile.resolve("chromium.log"));
                if (Files.isRegularFile(active)) {
                    lines = Files.readAllLines(active);
                    if (lines.size() >= 2) break;
                }
                Thread.sleep(50);
            }
            if (lines.size() < 2) throw new IOException("Chromium did not open its DevTools port within 30 s");
            URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            HeadlessChromium[] self = new HeadlessChromium[1];
            Listener listener = new Listener(self);
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(ws, listener).get(20, TimeUnit.SECONDS);
            HeadlessChromium c = new HeadlessChromium(p, profile, socket);
            self[0] = c;
            c.openPage();
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting Chromium", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("cannot connect to Chromium's DevTools: " + e, e);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private void openPage() throws IOException {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
    }

    /** Opens {@code url} in the page and waits until its document has loaded. */
    public void navigate(URI url) throws IOException {
        call(session, "Page.navigate", Map.of("url", url.toString()));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(30));
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON; IOException if it throws. */
    public JsonNode evaluate(String expression) throws IOException {
        JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            JsonNode d = r.path("exceptionDetails");
            throw new IOException("script failed: " + d.path("exception").path("description").asText(d.path("text").asText()));
        }
        return r.path("result").path("value");
    }

    /** Waits until {@code expression} is truthy in the page; returns its last value. IOException after {@code timeout}. */
    public JsonNode waitFor(String expression, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode v = null;
        while (System.nanoTime() < deadline) {
            v = evaluate("(() => { try { return (" + expression + "); } catch (e) { return null; } })()");
            if (v != null && !v.isNull() && !v.isMissingNode() && !(v.isBoolean() && !v.asBoolean())
                    && !(v.isNumber() && v.asDouble() == 0) && !(v.isTextual() && v.asText().isEmpty())) {
                return v;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for: " + expression + " (last value " + v + ")");
    }

    /** A PNG of the page's viewport. */
    public byte[] screenshot() throws IOException {
        return Base64.getDecoder().decode(call(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    /** Bytes of the page's JavaScript heap in use, after a full garbage collection. */
    public long jsHeapUsed() throws IOException {
        call(session, "HeapProfiler.collectGarbage", Map.of());
        return call(session, "Runtime.getHeapUsage", Map.of()).path("usedSize").asLong();
    }

    /**
     * Memory of the browser and all its processes (renderer, GPU, utility), from /proc: each process's
     * proportional set size (its own pages, plus shared pages divided among the processes sharing
     * them), so memory Chromium's processes share is counted once.
     */
    public long memoryBytes() {
        long sum = pss(process.pid());
        for (ProcessHandle h : process.descendants().toList()) sum += pss(h.pid());
        return sum;
    }

    private static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }

    /** Errors the page reported so far: uncaught exceptions, console errors, blocked requests (CSP). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws IOException {
        long id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) msg.put("sessionId", sessionId);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(msg.toString(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode r = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) throw new IOException(method + ": " + r.path("error").path("message").asText());
            return r.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IOException(method + ": no answer from Chromium (" + e + ")", e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(m.path("id").asLong());
            if (f != null) f.complete(m);
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.path("type").asText())) errors.add("console.error: " + p.path("args").toString());
            }
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
    }

    /** Closes the browser and deletes its profile. */
    @Override
    public void close() {
        try {
            call(null, "Browser.close", Map.of());
        } catch (IOException | RuntimeException ignored) {
            // it may already be gone
        }
        socket.abort();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(profile)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException | RuntimeException ignored) {
            // a leftover profile under the work folder does no harm
        }
    }

    /** Collects a message's parts and hands complete messages over. */
    private static final class Listener implements WebSocket.Listener {
        private final HeadlessChromium[] owner;
        private final StringBuilder parts = new StringBuilder();
        private final List<String> early = new ArrayList<>();

        Listener(HeadlessChromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                HeadlessChromium c = owner[0];
                if (c == null) {
                    early.add(text);
                } else {
                    for (String e : early) c.received(e);
                    early.clear();
                    c.received(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
