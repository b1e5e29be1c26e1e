package dev.engram.connectors.source.digits;

import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The digit streams of a TTA source: {@code streams} cameras over one MNIST IDX folder, stream
 * {@code k} ({@code mnist-k}, or {@code mnist} when there is one) with corruption seed {@code seed + k}.
 */
public final class DigitDiscovery implements SplitDiscovery {
    private static final long serialVersionUID = 1L;

    private final String folder;
    private final int streams;
    private final String parameters;
    private final long seed;

    private DigitDiscovery(String folder, int streams, String parameters, long seed) {
        this.folder = folder;
        this.streams = streams;
        this.parameters = parameters;
        this.seed = seed;
    }

    /**
     * @param digits the first digits of the split to use, 0 = all
     * @param batch digits per batch
     */
    public static DigitDiscovery mnist(Path folder, int streams, int severity, int cycles, int batch, int digits, long seed) {
        if (streams < 1) throw new IllegalArgumentException("need at least one stream, got " + streams);
        if (severity < 1 || severity > 5) throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        if (cycles < 1 || batch < 1) throw new IllegalArgumentException("cycles and batch must be at least 1");
        String p = "split=test;severity=" + severity + ";cycles=" + cycles + ";batch=" + batch + ";digits=" + digits;
        return new DigitDiscovery(folder.toAbsolutePath().normalize().toString(), streams, p, seed);
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public List<StreamSplit> discover(Set<String> known) {
        List<StreamSplit> out = new ArrayList<>();
        for (int k = 0; k < streams; k++) {
            String id = streams == 1 ? "mnist" : "mnist-" + k;
            if (known.contains(id)) continue;
            out.add(new StreamSplit(id, SplitKind.MNIST_DIGITS, folder, null, -1, -1, parameters + ";seed=" + (seed + k), 0));
        }
        return out;
    }
}
