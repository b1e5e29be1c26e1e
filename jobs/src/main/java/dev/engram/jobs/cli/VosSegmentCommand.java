package dev.engram.jobs.cli;

import dev.engram.connectors.source.VideoFileSource;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.ProgressReporter;
import dev.engram.jobs.SegmentationJob;
import dev.engram.jobs.SummaryCollector;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.operators.StreamSummary;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram vos segment}: the user's own videos, each with the mask of its first frame, one
 * stream per video in one job. Writes masks (DAVIS layout), an overlay video and a JSON summary per
 * stream.
 *
 * <p>Failure behaviour: a video that cannot be opened or a first mask that is missing or of the
 * wrong size is reported naming the file and left out; the other videos are segmented and the
 * command then exits 1. Frames that fail to decode mid-file become dead letters and the stream goes
 * on. Options that cannot segment a video's frame size (a budget too small) fail before the job.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment your own videos given the mask of each one's first frame: masks, overlay videos, summaries.")
final class VosSegmentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--video", paramLabel = "FILE", required = true,
            description = "A video file (anything FFmpeg decodes); repeat for several streams.")
    List<Path> videos;

    @Option(names = "--mask", paramLabel = "PNG", required = true,
            description = "Mask of the video's first frame (0/255 grayscale, or palette PNG of object ids), one per --video, in order.")
    List<Path> masks;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "engram-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "At most N frames per video (0 = all).")
    long maxFrames;

    @Mixin
    RunOptions run;

    @Mixin
    LearnerOptions learner;

    @Override
    public Integer call() throws Exception {
        if (videos.size() != masks.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one --mask per --video (got " + videos.size() + " videos and " + masks.size() + " masks)");
        }
        PrintWriter o = spec.commandLine().getOut();
        VosOptions options = learner.toVosOptions();
        List<VideoFileSource> sources = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < videos.size(); i++) {
            try {
                VideoFileSource s = VideoFileSource.open(videos.get(i), masks.get(i), streamId(videos.get(i), ids));
                LearnerPreflight.check(options, s.width(), s.height());
                sources.add(s);
            } catch (BadInputException e) {
                String why = String.valueOf(e.getMessage()), video = videos.get(i).toString();
                System.err.println("engram: skipping " + (why.startsWith(video) ? why : video + ": " + why));
                rejected.add(videos.get(i).toString());
            }
        }
        if (sources.isEmpty()) throw new IllegalArgumentException("no video could be opened (" + String.join(", ", rejected) + ")");

        StreamExecutionEnvironment env = run.environment(run.parallelism);
        DataStream<LabeledFrame> frames = null;
        for (VideoFileSource s : sources) {
            DataStream<LabeledFrame> one = maxFrames > 0 ? s.stream(env, maxFrames) : s.stream(env);
            frames = frames == null ? one : frames.union(one);
        }
        Path maskDir = out.resolve("masks"), overlays = out.resolve("overlays"), summaries = out.resolve("summaries");
        SegmentationJob job = SegmentationJob.of(frames, new SegmentationFunction(options).keepPixels(true))
                .writeMasks(maskDir).writeOverlays(overlays, sources.get(0).frameRate());
        SummaryCollector result = SummaryCollector.run(job, job.summaries(20, summaries), "engram-vos-segment",
                run.quiet ? null : new ProgressReporter(System.err, 2000));

        o.printf("%-20s %7s %7s %12s %12s%n", "stream", "frames", "fps", "bank peak", "budget");
        for (StreamSummary s : result.summaries.values()) {
            o.printf("%-20s %7d %7s %12s %12s%n", s.streamId, s.frames, Tables.fps(s.segmenterFps),
                    Tables.bytes(s.peakBankBytes), Tables.bytes(s.budgetBytes));
        }
        o.printf("%d dead letters%n", result.deadLetters.size());
        result.deadLetters.forEach(d -> o.println("  dead letter: " + d));
        Tables.writtenFiles(o, maskDir, overlays, summaries, result.summaries.values());
        o.flush();
        if (!rejected.isEmpty()) {
            System.err.println("engram: " + rejected.size() + " of " + videos.size() + " videos were not segmented: "
                    + String.join(", ", rejected));
            return 1;
        }
        return result.summaries.size() == sources.size() ? 0 : 1;
    }

    /** The file name without its extension, made unique among the streams of this run. */
    private static String streamId(Path video, Set<String> taken) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name, id = base;
        for (int k = 2; !taken.add(id); k++) id = base + "-" + k;
        return id;
    }
}
