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
 * {@code k} ({@code mnist-k}, or {@code mnist} when there is one) with corruption seed {@code seed + k};
 * or {@code streams} synthetic digit cameras ({@code digits-k}, seed {@code seed + k}) rendering
 * digits that move through drifting weather ({@link dev.engram.tta.data.DigitCamera}).
 */
public final class DigitDiscovery implements SplitDiscovery {
    private static final long serialVersionUID = 1L;

    private final SplitKind kind;
    private final String folder;
    private final int streams;
    private final String parameters;
    private final long seed;
    private final long limit;

    private DigitDiscovery(SplitKind kind, String folder, int streams, String parameters, long seed, long limit) {
        this.kind = kind;
        this.folder = folder;
        this.streams = streams;
        this.parameters = parameters;
        this.seed = seed;
        this.limit = limit;
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
        return new DigitDiscovery(SplitKind.MNIST_DIGITS, folder.toAbsolutePath().normalize().toString(), streams, p, seed, -1);
    }

    /**
     * Synthetic digit cameras.
     *
     * @param faces the {@link dev.engram.tta.data.DigitRenderer#fingerprint()} the source model was trained on; a reader
     *     whose machine renders other faces refuses the stream with a dead letter
     * @param spellShots digits per weather spell
     * @param batches batches per stream at most; -1 = endless
     * @param digitsPerSecond pace of each camera; 0 = as fast as the job takes them
     */
    public static DigitDiscovery synthetic(int streams, String faces, int severity, int batch, long spellShots, long batches,
            double digitsPerSecond, long seed) {
        if (streams < 1) throw new IllegalArgumentException("need at least one stream, got " + streams);
        if (severity < 1 || severity > 5) throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        if (batch < 1 || spellShots < 1) throw new IllegalArgumentException("batch and spell length must be at least 1");
        String p = "faces=" + faces + ";severity=" + severity + ";batch=" + batch + ";spell=" + spellShots + ";fps="
                + (digitsPerSecond / batch);
        return new DigitDiscovery(SplitKind.SYNTHETIC_DIGITS, "rendered digits", streams, p, seed, batches);
    }

    @Override
    public boolean bounded() {
        return kind == SplitKind.MNIST_DIGITS || limit >= 0;
    }

    @Override
    public java.time.Duration interval() {
        return java.time.Duration.ofSeconds(60);
    }

    @Override
    public List<StreamSplit> discover(Set<String> known) {
        List<StreamSplit> out = new ArrayList<>();
        for (int k = 0; k < streams; k++) {
            String id = kind == SplitKind.SYNTHETIC_DIGITS ? "digits-" + k : streams == 1 ? "mnist" : "mnist-" + k;
            if (known.contains(id)) continue;
            out.add(new StreamSplit(id, kind, folder, null, -1, limit, parameters + ";seed=" + (seed + k), 0));
        }
        return out;
    }
}
