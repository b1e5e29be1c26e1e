package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.engram.operators.preview.Preview;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server (the JDK's {@code com.sun.net.httpserver}): a page, its scripts and
 * styles, the plotting library (uPlot, a WebJar inside the jar), the current state as JSON, live
 * updates as server-sent events and each stream's latest preview. Read-only: GET and HEAD only.
 *
 * <p>What a request can reach: exactly the paths in the route table, matched on the raw path (no
 * decoding, no normalisation), so {@code ..}, encoded slashes, absolute paths and unknown names are
 * all 404 and no file outside the fixed set of class-path assets can ever be named; a preview is found
 * by stream id in memory, never by a path. Requests whose target exceeds {@link #MAX_TARGET} characters
 * get 414, other methods 405, unparseable parameters 400; a handler that fails answers 500 and the
 * server goes on. Live-update clients beyond {@link #MAX_EVENT_CLIENTS} get 503; a client that falls
 * {@link #CLIENT_QUEUE} updates behind is closed (its browser reconnects and reloads the state).
 */
public final class DashboardServer implements AutoCloseable {
    public static final int MAX_TARGET = 2048;
    public static final int MAX_EVENT_CLIENTS = 16;
    public static final int CLIENT_QUEUE = 64;
    public static final long POLL_MS = 250;
    /** The uPlot WebJar's version: must match the dependency in jobs/pom.xml (a test checks the asset resolves). */
    public static final String UPLOT_VERSION = "1.6.30";

    private static final String ASSETS = "/dev/engram/jobs/dashboard/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    private static final Map<String, String[]> ROUTES = Map.of(
            "/", new String[] {ASSETS + "index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {ASSETS + "index.html", "text/html; charset=utf-8"},
            "/assets/app.js", new String[] {ASSETS + "app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[] {ASSETS + "app.css", "text/css; charset=utf-8"},
            "/assets/icon.svg", new String[] {ASSETS + "icon.svg", "image/svg+xml"},
            "/assets/uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/assets/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final DashboardModel model;
    private final ExecutorService handlers;
    private final ScheduledExecutorService poller;
    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private final Semaphore eventSlots = new Semaphore(MAX_EVENT_CLIENTS);
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closing;

    private DashboardServer(HttpServer server, DashboardModel model) {
        this.server = server;
        this.model = model;
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(MAX_EVENT_CLIENTS + 8, r -> daemon(r, "engram-dashboard-" + n.incrementAndGet()));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "engram-dashboard-poll"));
    }

    /** Starts serving {@code model} on {@code address}; polls its sources every {@link #POLL_MS}. IOException when the port is taken. */
    public static DashboardServer start(DashboardAddress address, DashboardModel model) throws IOException {
        HttpServer http = HttpServer.create(address.socket(), 64);
        DashboardServer d = new DashboardServer(http, model);
        http.createContext("/", d::handle);
        http.setExecutor(d.handlers);
        http.start();
        d.poller.scheduleWithFixedDelay(d::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
        return d;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetAddress a = server.getAddress().getAddress();
        String host = a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    public DashboardModel model() {
        return model;
    }

    /** Requests that failed inside a handler (answered 500), for tests. */
    int failures() {
        return failures.get();
    }

    private void poll() {
        try {
            ObjectNode update = model.poll();
            String json = update.toString();
            for (BlockingQueue<String> q : clients) {
                if (!q.offer(json)) {
                    clients.remove(q);
                    q.clear();
                    q.offer("");
                }
            }
        } catch (RuntimeException e) {
            // One failed look: the next one, a quarter second later, tries again.
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (IOException e) {
            // The client went away.
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            try {
                send(ex, 500, "text/plain; charset=utf-8", "internal error\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                // Headers were sent already, or the client went away.
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI target = ex.getRequestURI();
        String rawPath = target.getRawPath() == null ? "" : target.getRawPath();
        String rawQuery = target.getRawQuery();
        if (rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1) > MAX_TARGET) {
            text(ex, 414, "request target longer than " + MAX_TARGET + " characters");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            text(ex, 405, "the dashboard is read-only: GET and HEAD only");
            return;
        }
        String[] asset = ROUTES.get(rawPath);
        if (asset != null) {
            asset(ex, asset[0], asset[1]);
            return;
        }
        switch (rawPath) {
            case "/api/state" -> send(ex, 200, "application/json", model.state().toString().getBytes(StandardCharsets.UTF_8));
            case "/api/events" -> events(ex);
            case "/api/preview" -> preview(ex, rawQuery);
            default -> text(ex, 404, "not found");
        }
    }

    private void asset(HttpExchange ex, String resource, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                text(ex, 404, "not found");
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private void preview(HttpExchange ex, String rawQuery) throws IOException {
        String stream;
        try {
            stream = parameter(rawQuery, "stream");
        } catch (IllegalArgumentException malformed) {
            text(ex, 400, "malformed parameter");
            return;
        }
        if (stream == null) {
            text(ex, 400, "give the stream: /api/preview?stream=<id>");
            return;
        }
        Preview p = model.preview(stream);
        if (p == null || p.jpeg == null) {
            text(ex, 404, "no preview of that stream");
            return;
        }
        send(ex, 200, "image/jpeg", p.jpeg);
    }

    /** A query parameter's decoded value, or null; IllegalArgumentException (400) for malformed escapes. */
    static String parameter(String rawQuery, String name) {
        if (rawQuery == null) return null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private void events(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            send(ex, 200, "text/event-stream", new byte[0]);
            return;
        }
        if (!eventSlots.tryAcquire()) {
            text(ex, 503, "too many live-update clients");
            return;
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        try {
            Headers h = ex.getResponseHeaders();
            security(h);
            h.set("Content-Type", "text/event-stream; charset=utf-8");
            h.set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            clients.add(queue);
            while (!closing) {
                String json = queue.poll(15, TimeUnit.SECONDS);
                if (json == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (json.isEmpty()) {
                    break; // fell behind: the browser reconnects and reloads the state
                } else {
                    out.write(("event: update\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            eventSlots.release();
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        security(h);
        h.set("Content-Type", type);
        if (!h.containsKey("Cache-Control")) h.set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void security(Headers h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                + "connect-src 'self'; frame-ancestors 'none'");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops serving: live-update clients are ended, the port is freed. */
    @Override
    public void close() {
        closing = true;
        poller.shutdownNow();
        for (BlockingQueue<String> q : clients) q.offer("");
        server.stop(0);
        handlers.shutdownNow();
    }
}
