package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.source.frames.FrameDiscovery;
import dev.engram.connectors.source.frames.VideoProbe;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.LearnerPreflight;
import dev.engram.jobs.Overlays;
import dev.engram.jobs.Sources;
import dev.engram.jobs.WorkFolders;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.Frame;
import dev.engram.vos.VosOptions;
import dev.engram.vos.io.BadInputException;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engram vos segment}: the user's own videos, each with the mask of its first frame, one
 * stream per video in one VOS job. Writes masks (DAVIS layout), per-frame results and a JSON summary
 * per stream under {@code --out}, then an overlay video per stream at that video's own frame rate.
 *
 * <p>Failure behaviour: a video that cannot be opened is reported naming the file and left out; a
 * first mask of the wrong size becomes a dead letter naming the mask and that stream produces no
 * masks; the other videos are segmented and the command then exits 1. Frames that fail to decode
 * mid-file become dead letters and the stream goes on. Options that cannot segment a video's frame
 * size (a budget too small) fail before the job.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment your own videos given the mask of each one's first frame: masks, per-frame results, summaries, overlay videos.")
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
        Map<String, Path> accepted = new LinkedHashMap<>();
        Map<String, VideoProbe> probes = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        Path maskRoot = WorkFolders.fresh(run.workDir, "segment-masks");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < videos.size(); i++) {
            Path video = videos.get(i);
            try {
                VideoProbe probe = VideoProbe.of(video);
                if (!Files.isRegularFile(masks.get(i))) throw new BadInputException(masks.get(i) + ": no such mask file");
                MaskFiles.read(masks.get(i), probe.width(), probe.height()); // a wrong size is refused here, naming the mask
                LearnerPreflight.check(options, probe.width(), probe.height());
                String id = streamId(video, ids);
                Files.createDirectories(maskRoot.resolve(id));
                Files.copy(masks.get(i), maskRoot.resolve(id).resolve("00000.png"));
                accepted.put(id, video.toAbsolutePath());
                probes.put(id, probe);
            } catch (BadInputException e) {
                String why = String.valueOf(e.getMessage());
                System.err.println("engram: skipping " + (why.startsWith(video.toString()) ? why : video + ": " + why));
                rejected.add(video.toString());
            }
        }
        if (accepted.isEmpty()) throw new IllegalArgumentException("no video could be opened (" + String.join(", ", rejected) + ")");

        var source = Sources.frames(FrameDiscovery.videos(accepted, maskRoot, maxFrames > 0 ? maxFrames : -1));
        CommittedOutput output = new CommittedOutput(out);
        JobRunner.LocalRun r = JobLauncher.launch(run, null, "engram-vos-segment",
                env -> JobGraphs.vos(env, source, new SegmentationFunction(options), new FrameScoring(), 20, EngineSettings.uri(out)),
                Reports.vosProgress(output), o);
        Map<String, JsonNode> summaries = output.summaries();
        o.printf("%-20s %7s %7s %12s %12s%n", "stream", "frames", "fps", "bank peak", "budget");
        for (String id : accepted.keySet()) {
            JsonNode s = summaries.get(id);
            if (s == null) {
                o.printf("%-20s no output (see dead letters)%n", id);
                continue;
            }
            o.printf("%-20s %7d %7s %12s %12s%n", id, s.path("frames").asLong(), Tables.fps(Reports.num(s, "segmenterFps")),
                    Tables.bytes(s.path("peakBankBytes").asLong()), Tables.bytes(s.path("budgetBytes").asLong()));
            Path overlay = out.resolve("overlays").resolve(id + ".mp4");
            overlay(out, accepted.get(id), id, probes.get(id).frameRate(), overlay);
            o.println("overlay:   " + overlay.toAbsolutePath());
        }
        RunCommand.finish(o, output, r);
        o.println("masks:     " + out.resolve("masks").toAbsolutePath() + "/<stream>/<index>.png");
        o.println("summaries: " + out.resolve("summaries").toAbsolutePath() + "/<stream>.json");
        o.flush();
        if (!rejected.isEmpty()) {
            System.err.println("engram: " + rejected.size() + " of " + videos.size() + " videos were not segmented: "
                    + String.join(", ", rejected));
            return 1;
        }
        long produced = accepted.keySet().stream().filter(summaries::containsKey).count();
        return produced == accepted.size() ? 0 : 1;
    }

    /** Decodes the video again, sequentially, to tint its frames with the committed masks. */
    private static void overlay(Path root, Path video, String stream, double frameRate, Path target) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            int w = g.getImageWidth(), h = g.getImageHeight();
            Overlays.render(root, stream, i -> {
                try {
                    org.bytedeco.javacv.Frame image = g.grabImage();
                    if (image == null) return null;
                    ByteBuffer buffer = (ByteBuffer) image.image[0];
                    byte[] rgb = new byte[w * h * 3];
                    for (int y = 0; y < h; y++) buffer.get(y * image.imageStride, rgb, y * w * 3, w * 3);
                    return new Frame(stream, i, w, h, rgb);
                } catch (FrameGrabber.Exception e) {
                    return null;
                }
            }, frameRate, target);
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(video + ": cannot decode for the overlay (" + e.getMessage() + ")", e);
        }
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
