package dev.engram.jobs;

import dev.engram.connectors.sink.Mp4Writer;
import dev.engram.connectors.sink.OutputLayout;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.MaskFiles;
import dev.engram.vos.io.MaskOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Preview videos of a finished local run: each frame of a stream with its committed mask tinted in,
 * written after the job from the committed masks and the input read again (a synthetic camera
 * regenerated, a video decoded), at the input's own frame rate. A preview, not a job output: it is
 * made on the machine that runs the command.
 */
public final class Overlays {
    private Overlays() {}

    /**
     * Writes {@code video} from frames 0.. of {@code frames} (null ends the stream) that have a committed
     * mask under {@code root}; returns the frames written.
     */
    public static long render(Path root, String stream, LongFunction<Frame> frames, double frameRate, Path video) throws IOException {
        Mp4Writer writer = null;
        long written = 0;
        try {
            for (long i = 0; ; i++) {
                Frame f = frames.apply(i);
                if (f == null) break;
                Path png = root.resolve(OutputLayout.mask(stream, i));
                if (!Files.isRegularFile(png)) continue;
                Mask m = MaskFiles.read(png, f.width, f.height);
                if (writer == null) writer = new Mp4Writer(video, f.width, f.height, frameRate, 2_000_000);
                writer.write(MaskOverlay.tint(f, m, 0.5), f.width, i);
                written++;
            }
        } finally {
            if (writer != null) writer.close();
        }
        return written;
    }
}
