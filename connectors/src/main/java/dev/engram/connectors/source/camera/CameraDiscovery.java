package dev.engram.connectors.source.camera;

import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cameras of a live source, one split each: the addresses given ({@code --source camera:URL#ID},
 * repeatable) and, with a camera list file, every line {@code URL[#ID]} of it; the list is read again
 * every interval, so a camera added to it joins the running job. With a frame limit every camera ends
 * after that many frames and the source is bounded (for tests and benchmarks); otherwise it never ends.
 */
public final class CameraDiscovery implements SplitDiscovery {
    private static final long serialVersionUID = 1L;

    private final List<CameraAddress> cameras;
    private final String listFile;
    private final String masks;
    private final long limit;
    private final String parameters;

    /**
     * @param listFile a file of camera lines watched for additions, or null
     * @param settings camera option values by key ({@link CameraOptions}); missing keys take their defaults
     */
    public CameraDiscovery(List<CameraAddress> cameras, Path listFile, Path masks, long limit, Map<String, String> settings) {
        this.cameras = List.copyOf(cameras);
        this.listFile = listFile == null ? null : listFile.toAbsolutePath().toString();
        this.masks = masks == null ? null : masks.toAbsolutePath().toString();
        this.limit = limit;
        this.parameters = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        for (String k : settings.keySet()) {
            if (CameraOptions.ALL.stream().noneMatch(o -> o.key().equals(k))) throw new IllegalArgumentException("unknown camera option " + k);
        }
    }

    @Override
    public List<StreamSplit> discover(Set<String> known) throws IOException {
        List<CameraAddress> all = new ArrayList<>(cameras);
        if (listFile != null && Files.exists(Path.of(listFile))) {
            for (String line : Files.readAllLines(Path.of(listFile))) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) all.add(CameraAddress.parse(l));
            }
        }
        List<StreamSplit> out = new ArrayList<>();
        for (CameraAddress a : all) {
            if (known.contains(a.streamId()) || out.stream().anyMatch(s -> s.streamId().equals(a.streamId()))) continue;
            StreamSplit s = StreamSplit.of(a.streamId(), SplitKind.CAMERA, a.url()).withParameters(parameters);
            if (masks != null) s = s.withMasks(Path.of(masks).resolve(a.streamId()).toString());
            if (limit >= 0) s = s.withLimit(limit);
            out.add(s);
        }
        return out;
    }

    @Override
    public boolean bounded() {
        return limit >= 0 && listFile == null;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(2);
    }
}
