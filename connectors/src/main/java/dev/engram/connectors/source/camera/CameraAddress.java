package dev.engram.connectors.source.camera;

import java.io.Serializable;
import java.net.URI;

/**
 * A camera as {@code --source camera:URL[#ID]} names it: any FFmpeg network input ({@code rtsp://},
 * {@code http://} MJPEG, …) and the stream id (after {@code #}, a fragment FFmpeg never sends;
 * default: host, port and path). {@link #display} drops any user:password from the URL, for logs,
 * dead letters and health records.
 */
public record CameraAddress(String url, String streamId) implements Serializable {
    public static CameraAddress parse(String text) {
        String t = text.startsWith("camera:") ? text.substring("camera:".length()) : text;
        int hash = t.lastIndexOf('#');
        String url = hash >= 0 ? t.substring(0, hash) : t;
        String id = hash >= 0 ? t.substring(hash + 1) : null;
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("camera:" + t + ": not a URL (" + e.getMessage() + ")");
        }
        if (u.getScheme() == null || u.getHost() == null) throw new IllegalArgumentException("camera:" + t + ": a camera URL needs a scheme and a host");
        if (id == null || id.isBlank()) {
            id = (u.getHost() + (u.getPort() > 0 ? "-" + u.getPort() : "") + (u.getPath() == null ? "" : u.getPath()))
                    .replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "");
        }
        return new CameraAddress(url, id);
    }

    /** The URL without credentials. */
    public String display() {
        URI u = URI.create(url);
        if (u.getUserInfo() == null) return url;
        return url.replace(u.getRawUserInfo() + "@", "");
    }
}
