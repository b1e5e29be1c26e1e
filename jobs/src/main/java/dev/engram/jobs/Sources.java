package dev.engram.jobs;

import dev.engram.connectors.source.SourceOptions;
import dev.engram.connectors.kafka.KafkaInputs;
import dev.engram.connectors.source.camera.CameraAddress;
import dev.engram.connectors.source.camera.CameraDiscovery;
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
import java.util.List;
import java.util.Map;
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
            case MNIST -> throw new IllegalArgumentException("--source " + spec + ": mnist: is a TTA source; VOS reads file:, watch:, synthetic: or kafka:");
            case KAFKA -> throw new IllegalArgumentException("--source " + spec + ": a topic is read by Sources.frameInput, not a stream source");
            case CAMERA, CAMERAS -> new CameraDiscovery(spec.kind() == SourceSpec.Kind.CAMERA ? List.of(CameraAddress.parse(spec.value())) : List.of(),
                    spec.kind() == SourceSpec.Kind.CAMERAS ? spec.path() : null, masks, limit, Map.of());
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
            case MNIST -> throw new IllegalArgumentException("--source " + spec + ": mnist: is a TTA source; events read file:, watch:, synthetic: or kafka:");
            case KAFKA -> throw new IllegalArgumentException("--source " + spec + ": a topic is read by Sources.eventInput, not a stream source");
            case CAMERA, CAMERAS -> throw new IllegalArgumentException("--source " + spec + ": cameras are frame sources for VOS");
        };
        return StreamSource.builder(EventChunk.class).discovery(d).format(new EventFormatReader()).build();
    }

    /**
     * One modality's recordings for the multimodal job: every recording under {@code dir}, stream ids
     * prefixed with {@code modality + "/"}.
     */
    public static StreamSource<EventChunk> modality(String modality, Path dir, int chunkEvents) {
        EventDiscovery d = EventDiscovery.files(dir, "auto", chunkEvents).withStreamPrefix(modality + "/");
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

    /** The input of a VOS job: a topic of FRAME and MASK records ({@code kafka:TOPIC}), or {@link #frames} otherwise. */
    public static JobInput<LabeledFrame> frameInput(SourceSpec spec, Path masks, long maxFrames, Synthetic synthetic, KafkaSettings kafka) {
        if (spec.kind() == SourceSpec.Kind.KAFKA) {
            return JobInput.framesAndMasks(KafkaInputs.frames(kafka.require(spec).endpoint(), spec.value(), kafka.groupId("vos"), kafka.bounded()), "frames");
        }
        if (spec.kind() == SourceSpec.Kind.CAMERA || spec.kind() == SourceSpec.Kind.CAMERAS) return cameras(List.of(spec), masks, maxFrames, Map.of());
        return JobInput.of(frames(spec, masks, maxFrames, null, synthetic), "frames");
    }

    /**
     * Live cameras ({@code camera:URL[#ID]}, several, and {@code cameras:FILE}, a watched list) as one
     * source; {@code settings} are camera option values ({@link dev.engram.connectors.source.camera.CameraOptions}).
     */
    public static JobInput<LabeledFrame> cameras(List<SourceSpec> specs, Path masks, long maxFrames, Map<String, String> settings) {
        List<CameraAddress> cams = new java.util.ArrayList<>();
        Path list = null;
        for (SourceSpec s : specs) {
            if (s.kind() == SourceSpec.Kind.CAMERA) cams.add(CameraAddress.parse(s.value()));
            else if (s.kind() == SourceSpec.Kind.CAMERAS && list == null) list = s.path();
            else throw new IllegalArgumentException("--source " + s + ": only camera: sources repeat (with at most one cameras:FILE)");
        }
        var discovery = new CameraDiscovery(cams, list, masks, maxFrames > 0 ? maxFrames : -1, settings);
        return JobInput.live(StreamSource.builder(LabeledFrame.class).discovery(discovery).format(new FrameFormat()).build(), "frames");
    }

    /** The input of an event job: a topic of EVENTS records ({@code kafka:TOPIC}), or {@link #events} otherwise. */
    public static JobInput<EventChunk> eventInput(SourceSpec spec, String format, int chunkEvents, long maxFrames, Synthetic synthetic,
            KafkaSettings kafka) {
        if (spec.kind() == SourceSpec.Kind.KAFKA) {
            return JobInput.fromSource(KafkaInputs.events(kafka.require(spec).endpoint(), spec.value(), kafka.groupId("events"), kafka.bounded()),
                    "event-streams");
        }
        return JobInput.of(events(spec, format, chunkEvents, maxFrames, synthetic), "event-streams");
    }
}
