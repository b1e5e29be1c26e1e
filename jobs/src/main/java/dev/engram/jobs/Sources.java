package dev.engram.jobs;

import dev.engram.connectors.source.SourceOptions;
import dev.engram.connectors.source.StreamSource;
import dev.engram.connectors.source.digits.DigitDiscovery;
import dev.engram.connectors.source.digits.DigitFormat;
import dev.engram.connectors.source.enumerator.SplitDiscovery;
import dev.engram.connectors.source.events.EventDiscovery;
import dev.engram.connectors.source.events.EventFormatReader;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.tta.DigitBatch;
import java.nio.file.Path;
import java.util.Set;

/** The source of each job kind for a {@code --source} value. */
public final class Sources {
    private Sources() {}

    /** Settings of synthetic cameras: frame size, objects, frames per second (0 = as fast as the job runs), seed. */
    public record Synthetic(int width, int height, int objects, double fps, long seed) {}

    /**
     * Frames for VOS: {@code file:} a video, DAVIS folder or folder of videos; {@code watch:} a folder
     * receiving them; {@code synthetic:N} cameras named {@code cam-0…}.
     *
     * @param masks annotation folder ({@code <masks>/<stream>/<index>.png}) or null
     * @param maxFrames frames per stream at most; 0 = all (synthetic cameras then never stop)
     * @param only stream ids to keep, or null for all
     */
    public static StreamSource<LabeledFrame> frames(SourceSpec spec, Path masks, long maxFrames, Set<String> only,
            Synthetic synthetic) {
        long limit = maxFrames > 0 ? maxFrames : -1;
        SplitDiscovery d = switch (spec.kind()) {
            case FILE -> FrameDiscovery.files(spec.path(), masks, limit, only);
            case WATCH -> FrameDiscovery.watch(spec.path(), masks, limit, SourceOptions.WATCH_INTERVAL_MS.defaultValue());
            case SYNTHETIC -> FrameDiscovery.synthetic("cam", spec.streams(), synthetic.seed(), synthetic.width(),
                    synthetic.height(), synthetic.objects(), limit, synthetic.fps());
            case MNIST -> throw new IllegalArgumentException("--source " + spec + ": mnist: is a TTA source; VOS reads file:, watch: or synthetic:");
        };
        return StreamSource.builder(LabeledFrame.class).discovery(d).format(new FrameFormat()).build();
    }

    /** Frames from an explicit discovery (given videos, a looped sequence). */
    public static StreamSource<LabeledFrame> frames(FrameDiscovery discovery) {
        return StreamSource.builder(LabeledFrame.class).discovery(discovery).format(new FrameFormat()).build();
    }

    /**
     * Event streams: {@code file:} a recording or folder of them; {@code watch:} a folder receiving
     * them; {@code synthetic:N} emulated event cameras named {@code events-0…}.
     *
     * @param maxFrames camera frames per synthetic stream; 0 = endless
     */
    public static StreamSource<EventChunk> events(SourceSpec spec, String format, int chunkEvents, long maxFrames,
            Synthetic synthetic) {
        SplitDiscovery d = switch (spec.kind()) {
            case FILE -> EventDiscovery.files(spec.path(), format, chunkEvents);
            case WATCH -> EventDiscovery.watch(spec.path(), format, chunkEvents, SourceOptions.WATCH_INTERVAL_MS.defaultValue());
            case SYNTHETIC -> EventDiscovery.synthetic("events", spec.streams(), synthetic.seed(), synthetic.width(),
                    synthetic.height(), maxFrames > 0 ? maxFrames : -1, synthetic.fps());
            case MNIST -> throw new IllegalArgumentException("--source " + spec + ": mnist: is a TTA source; events read file:, watch: or synthetic:");
        };
        return StreamSource.builder(EventChunk.class).discovery(d).format(new EventFormatReader()).build();
    }

    /**
     * Synthetic digit cameras for TTA ({@code digits-0…}): rendered digits moving through drifting
     * weather, labels known.
     *
     * @param faces the renderer fingerprint the source model was trained on
     * @param batches batches per stream; 0 = endless
     * @param digitsPerSecond pace per camera; 0 = as fast as the job runs
     */
    public static StreamSource<DigitBatch> syntheticDigits(int streams, String faces, int severity, int batch, long spellDigits,
            long batches, double digitsPerSecond, long seed) {
        return StreamSource.builder(DigitBatch.class)
                .discovery(DigitDiscovery.synthetic(streams, faces, severity, batch, spellDigits, batches > 0 ? batches : -1,
                        digitsPerSecond, seed))
                .format(new DigitFormat()).build();
    }

    /** Digit streams for TTA: {@code mnist:DIR}, {@code streams} of them, through the corruption schedule. */
    public static StreamSource<DigitBatch> digits(SourceSpec spec, int streams, int severity, int cycles, int batch,
            int digits, long seed) {
        if (spec.kind() != SourceSpec.Kind.MNIST) {
            throw new IllegalArgumentException("--source " + spec + ": TTA reads mnist:DIR (an MNIST IDX folder)");
        }
        return StreamSource.builder(DigitBatch.class)
                .discovery(DigitDiscovery.mnist(spec.path(), streams, severity, cycles, batch, digits, seed))
                .format(new DigitFormat()).build();
    }
}
