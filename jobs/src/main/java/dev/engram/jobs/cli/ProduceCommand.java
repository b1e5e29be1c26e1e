package dev.engram.jobs.cli;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.source.SourceOptions;
import dev.engram.connectors.source.camera.CameraAddress;
import dev.engram.connectors.source.camera.CameraDiscovery;
import dev.engram.connectors.source.events.EventDiscovery;
import dev.engram.connectors.source.events.EventFormatReader;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.FrameFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.SourceSpec;
import dev.engram.jobs.kafka.RecordingProducer;
import dev.engram.jobs.kafka.Topics;
import dev.engram.jobs.kafka.WireProducer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram produce --topic T --bootstrap HOST:PORT INPUT}: a recording, a DAVIS folder, an event
 * file, synthetic cameras or a live camera onto a topic in the wire format.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Put a video, DAVIS folder, event recording, synthetic:N cameras or camera:URL onto a Kafka topic in Engram's wire format.")
final class ProduceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A video, a DAVIS folder, an event recording or folder of them, synthetic:N, or camera:URL.")
    String input;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The topic to write.")
    String topic;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A producer property passed through untouched; repeatable.")
    List<String> properties = List.of();

    @Option(names = "--stream", paramLabel = "ID", description = "Stream id for a single input (default: its name).")
    String stream;

    @Option(names = "--masks", paramLabel = "DIR", description = "First-frame (and later) masks for inputs without their own: DIR/<stream>/<index>.png.")
    Path masks;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "0",
            description = "Records per second per stream, like a camera; 0 = as fast as Kafka takes them (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--encoding", paramLabel = "jpeg|png|raw", defaultValue = "jpeg",
            description = "Frame payloads: jpeg, png or raw RGB (raw 854x480 frames exceed Kafka's 1 MiB default record size) (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "At most N frames per stream; 0 = all (default: ${DEFAULT-VALUE}).")
    long maxFrames;

    @Option(names = "--width", defaultValue = "480", description = "Synthetic camera width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "270", description = "Synthetic camera height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of synthetic cameras (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        WireRecord.Encoding frames = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> WireRecord.Encoding.JPEG;
            case "png" -> WireRecord.Encoding.PNG;
            case "raw" -> WireRecord.Encoding.RGB8;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--encoding must be jpeg, png or raw");
        };
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        KafkaEndpoint endpoint = new KafkaEndpoint(bootstrap, KafkaCliOptions.properties(properties));
        long limit = maxFrames > 0 ? maxFrames : -1;
        RecordingProducer.Result r;
        Topics.ensure(endpoint, topic);
        try (WireProducer producer = new WireProducer(endpoint)) {
            RecordingProducer p = new RecordingProducer(producer, new RecordingProducer.Options(topic, stream, rate, frames, WireRecord.Encoding.PNG), err);
            {
                SourceSpec source = SourceSpec.parse(input);
                Path maskDir = masks == null ? null : masks.toAbsolutePath();
                r = switch (source.kind()) {
                    case CAMERA -> p.frames(new CameraDiscovery(List.of(CameraAddress.parse(source.value())), null, maskDir, limit, Map.of()),
                            new FrameFormat());
                    case SYNTHETIC -> p.frames(FrameDiscovery.synthetic("cam", source.streams(), seed, width, height, 2, limit, 0), new FrameFormat());
                    case FILE -> {
                        if (!Files.exists(source.path())) throw new IllegalArgumentException(source.path() + ": no such file or folder");
                        yield RecordingProducer.holdsEvents(source.path())
                                ? p.events(EventDiscovery.files(source.path(), "auto", SourceOptions.EVENT_CHUNK.defaultValue()), new EventFormatReader())
                                : p.frames(FrameDiscovery.files(source.path(), maskDir, limit, null), new FrameFormat());
                    }
                    default -> throw new CommandLine.ParameterException(spec.commandLine(), "INPUT is a path, synthetic:N or camera:URL, not " + input);
                };
            }
        }
        out.printf(Locale.ROOT, "topic: %s, streams: %d, records: %d%s%n", topic, r.streams(), r.records(),
                r.skipped() > 0 ? ", skipped inputs: " + r.skipped() : "");
        out.flush();
        return 0;
    }
}
