package dev.engram.jobs.dashboard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the dashboard listens: {@code [HOST:]PORT} ({@code PORT} alone means 127.0.0.1; port 0 picks
 * a free one; an IPv6 host goes in brackets, {@code [::1]:8080}). Only loopback addresses are served
 * unless remote access is asked for: the dashboard shows camera pictures, and has no login.
 *
 * <p>Failure: a malformed value, an unknown host, or a non-loopback host without {@code allowRemote}
 * is an {@link IllegalArgumentException} naming the value.
 */
public record DashboardAddress(InetAddress host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    /** Parses {@code [HOST:]PORT} and checks it against {@code allowRemote}. */
    public static DashboardAddress parse(String text, boolean allowRemote) {
        String t = text == null ? "" : text.trim();
        String host = LOOPBACK, port = t;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') throw bad(text);
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.contains(":")) {
            int colon = t.lastIndexOf(':');
            if (t.indexOf(':') != colon) throw bad(text);
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (p < 0 || p > 65535 || host.isBlank()) throw bad(text);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--dashboard " + text + ": unknown host " + host);
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--dashboard " + text + ": " + address.getHostAddress()
                    + " is not a loopback address; the dashboard has no login, so it serves other machines only with"
                    + " --dashboard-allow-remote");
        }
        return new DashboardAddress(address, p);
    }

    public InetSocketAddress socket() {
        return new InetSocketAddress(host, port);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("--dashboard '" + text + "' is not [HOST:]PORT (e.g. 8080 or 127.0.0.1:8080)");
    }
}
