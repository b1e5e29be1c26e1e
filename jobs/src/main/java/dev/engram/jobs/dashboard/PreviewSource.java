package dev.engram.jobs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.connectors.sink.preview.LivePreviews;
import dev.engram.connectors.sink.preview.PreviewJson;
import dev.engram.operators.preview.Preview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Where the dashboard finds each stream's latest preview. */
public interface PreviewSource {
    /** The latest preview per stream id (may be empty). */
    Map<String, Preview> latest();

    /** No previews. */
    static PreviewSource none() {
        return Map::of;
    }

    /** The previews a job of this JVM publishes on {@code channel} ({@link LivePreviews}). */
    static PreviewSource live(String channel) {
        return () -> LivePreviews.latest(channel);
    }

    /**
     * The previews a {@code PreviewFolderSink} keeps under {@code folder} ({@code <stream>.json} beside
     * {@code <stream>.jpg}). Read only here, by this process, from files it lists; a request never names
     * a file. Files larger than {@link Folder#MAX_JPEG} bytes, unreadable or half-written ones are skipped.
     */
    static PreviewSource folder(Path folder) {
        return new Folder(folder);
    }

    /** Reads a preview folder, re-reading a file only when its modification time changes. */
    final class Folder implements PreviewSource {
        static final long MAX_JPEG = 1 << 20;
        static final int MAX_STREAMS = 1024;
        private static final ObjectMapper JSON = new ObjectMapper();

        private final Path folder;
        private final Map<Path, Long> seen = new HashMap<>();
        private final Map<String, Preview> latest = new HashMap<>();

        Folder(Path folder) {
            this.folder = folder;
        }

        @Override
        public synchronized Map<String, Preview> latest() {
            if (!Files.isDirectory(folder)) return Map.of();
            try (Stream<Path> walk = Files.walk(folder, 8)) {
                for (Path json : walk.filter(p -> p.getFileName().toString().endsWith(".json")
                        && !p.getFileName().toString().startsWith(".")).limit(MAX_STREAMS).toList()) {
                    read(json);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // The folder changed while listed: the next look sees it settled.
            }
            return Map.copyOf(latest);
        }

        private void read(Path json) {
            try {
                long modified = Files.getLastModifiedTime(json).toMillis();
                if (seen.getOrDefault(json, -1L) == modified) return;
                String name = json.getFileName().toString();
                Path jpg = json.resolveSibling(name.substring(0, name.length() - 5) + ".jpg");
                if (!Files.isRegularFile(jpg) || Files.size(jpg) > MAX_JPEG) return;
                Preview p = PreviewJson.read(JSON.readTree(json.toFile()));
                if (p == null) return;
                p.jpeg = Files.readAllBytes(jpg);
                latest.put(p.streamId, p);
                seen.put(json, modified);
            } catch (IOException | RuntimeException e) {
                // Half-written or replaced while read: read again on the next look.
            }
        }
    }
}
