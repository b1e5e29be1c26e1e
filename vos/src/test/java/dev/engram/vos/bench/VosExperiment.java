package dev.engram.vos.bench;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Development harness: runs the segmenter over shared DAVIS sequences and prints J per sequence. */
public final class VosExperiment {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("engram.data", "../shared/data"), "vos");
        List<String> names = new ArrayList<>();
        if (args.length > 0 && !args[0].equals("all")) names.addAll(Arrays.asList(args[0].split(",")));
        else try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("judo-cutie-demo")).sorted().forEach(names::add);
        }
        VosOptions opts = VosOptions.defaults();
        for (int i = 1; i + 1 < args.length; i += 2) opts = opts.withText(args[i], args[i + 1]);
        double sumJ = 0; long totalNanos = 0; int totalFrames = 0;
        for (String name : names) {
            Path seq = root.resolve(name);
            List<Path> frames;
            try (Stream<Path> s = Files.list(seq.resolve("frames"))) { frames = s.sorted().toList(); }
            OnlineSegmenter seg = new OnlineSegmenter(opts);
            double j = 0; int scored = 0; long nanos = 0;
            for (int i = 0; i < frames.size(); i++) {
                Frame f = read(frames.get(i), name, i);
                String stem = frames.get(i).getFileName().toString().replace(".jpg", "");
                Mask gt = readMask(seq.resolve("masks").resolve(stem + ".png"), f.width, f.height);
                if (i == 0) f.annotation = gt;
                long t0 = System.nanoTime();
                Mask pred = seg.segment(f);
                nanos += System.nanoTime() - t0;
                if (i > 0 && i < frames.size() - 1) { j += iou(gt, pred); scored++; }
                if (Boolean.getBoolean("verbose") && i % 10 == 0) System.out.printf("  %s #%d J=%.3f area=%.2f%n", name, i, iou(gt, pred), pred.count(1) / (double) Math.max(1, gt.count(1)));
            }
            double mj = j / scored;
            sumJ += mj; totalNanos += nanos; totalFrames += frames.size();
            System.out.printf("%-16s J=%.3f  %.1f fps  bank=%d%n", name, mj, frames.size() / (nanos / 1e9), seg.memoryBytes());
        }
        System.out.printf("MEAN J=%.3f  %.1f fps over %d sequences%n", sumJ / names.size(), totalFrames / (totalNanos / 1e9), names.size());
    }

    static double iou(Mask a, Mask b) {
        int inter = 0, uni = 0;
        for (int i = 0; i < a.ids.length; i++) {
            boolean x = a.ids[i] != 0, y = b.ids[i] != 0;
            if (x && y) inter++;
            if (x || y) uni++;
        }
        return uni == 0 ? 1 : inter / (double) uni;
    }

    static Frame read(Path p, String stream, int index) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int c = row[x], o = (y * w + x) * 3;
                rgb[o] = (byte) (c >> 16); rgb[o + 1] = (byte) (c >> 8); rgb[o + 2] = (byte) c;
            }
        }
        return new Frame(stream, index, w, h, rgb);
    }

    static Mask readMask(Path p, int w, int h) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        Raster r = img.getRaster();
        byte[] ids = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int xx = Math.min(x, img.getWidth() - 1);
            ids[y * w + x] = (byte) (r.getSample(xx, y, 0) > 127 ? 1 : 0);
        }
        return new Mask(w, h, ids);
    }
}
