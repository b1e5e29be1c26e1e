package dev.engram.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.vos.Frame;
import dev.engram.vos.features.PackagedBackbone;
import dev.engram.vos.features.Resample;
import dev.engram.vos.features.WorkingImage;
import dev.engram.vos.features.layers.LayersModel;
import dev.engram.vos.features.layers.LayersModelOnnx;
import dev.engram.vos.features.layers.OnnxNetwork;
import dev.engram.vos.features.layers.TorchNetwork;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench backbone}: the same layers model (by default the packaged MobileNetV2) on ONNX
 * Runtime and on DJL's PyTorch engine, one intra-op thread each, on DAVIS frames scaled to the side
 * the learner feeds it: milliseconds per frame (wall and thread CPU, medians over alternating rounds)
 * and how far the two engines' outputs are apart.
 */
@Command(name = "backbone", mixinStandardHelpOptions = true,
        description = "The backbone on ONNX Runtime against DJL's PyTorch engine: ms per frame and output agreement.")
final class BenchBackboneCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "TF.js layers model folder (default: the packaged backbone).")
    Path model;

    @Option(names = "--davis", paramLabel = "DIR", description = "DAVIS folder (default: $ENGRAM_DATA/vos).")
    Path davis;

    @Option(names = "--sequences", paramLabel = "A,B", split = ",", defaultValue = "blackswan,dog,car-shadow",
            description = "Sequences whose frames are fed (default: ${DEFAULT-VALUE}).")
    List<String> sequences;

    @Option(names = "--frames", defaultValue = "20", description = "Frames per sequence (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--side", defaultValue = "428",
            description = "Longer side of the image the network sees (default: ${DEFAULT-VALUE}, the learner's working side).")
    int side;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the engines alternate, first one first, then the other (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || rounds < 1 || side < 16) throw new CommandLine.ParameterException(spec.commandLine(), "--frames, --rounds >= 1, --side >= 16");
        Path dir = model != null ? model : PackagedBackbone.location();
        if (!Files.isRegularFile(dir.resolve("model.json"))) {
            throw new IllegalArgumentException(dir + ": no model.json" + (model == null ? " (run vos/fetch-backbone.sh)" : ""));
        }
        if (davis == null) davis = DataFolder.orFail("--davis").resolve("vos");
        List<Input> inputs = new ArrayList<>();
        for (String name : sequences) {
            DavisSequence seq = DavisFolder.open(davis, name.strip());
            for (int i = 0; i < Math.min(frames, seq.size()); i++) {
                Frame f = seq.readFrame(i, seq.name());
                int[] size = WorkingImage.workingSize(f.width, f.height, side);
                int w = size[0], h = size[1];
                float[][] planes = Resample.areaDownRgb(f.rgb, f.width, f.height, w, h);
                float[] chw = new float[3 * w * h];
                for (int c = 0; c < 3; c++) System.arraycopy(planes[c], 0, chw, c * w * h, w * h);
                inputs.add(new Input(chw, w, h));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode root = JSON.createObjectNode();
        LayersModel layers = LayersModel.read(dir);
        root.put("model", layers.name());
        root.put("inputWidth", inputs.get(0).width());
        root.put("inputHeight", inputs.get(0).height());
        root.put("frames", inputs.size());
        root.put("rounds", rounds);
        root.put("threads", 1);
        root.put("loadAverageBefore", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (OnnxNetwork onnx = OnnxNetwork.load(LayersModelOnnx.convert(layers), 1); TorchNetwork torch = TorchNetwork.load(layers, 1)) {
            List<Function<Input, Map<String, OnnxNetwork.FeatureMap>>> engines = List.of(
                    x -> onnx.run(x.chw(), 3, x.height(), x.width()), x -> torch.run(x.chw(), 3, x.height(), x.width()));
            String[] names = {"onnxruntime", "pytorch"};
            double worst = 0;
            for (Input x : inputs.subList(0, Math.min(5, inputs.size()))) worst = Math.max(worst, difference(engines.get(0).apply(x), engines.get(1).apply(x)));
            List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>()), cpu = List.of(new ArrayList<>(), new ArrayList<>());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int e = (r + k) % 2;
                    for (Input x : inputs) {
                        long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                        engines.get(e).apply(x);
                        wall.get(e).add((System.nanoTime() - t0) / 1e6);
                        cpu.get(e).add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
                    }
                }
            }
            ArrayNode list = root.putArray("engines");
            out.printf(Locale.ROOT, "%s at %dx%d, %d frames x %d rounds, one intra-op thread each%n", layers.name(),
                    inputs.get(0).width(), inputs.get(0).height(), inputs.size(), rounds);
            for (int e = 0; e < 2; e++) {
                ObjectNode n = list.addObject();
                n.put("engine", names[e]);
                n.put("medianMs", median(wall.get(e)));
                n.put("p90Ms", quantile(wall.get(e), 0.9));
                n.put("medianThreadCpuMs", median(cpu.get(e)));
                out.printf(Locale.ROOT, "%-12s median %.1f ms per frame (p90 %.1f, thread CPU %.1f)%n", names[e], median(wall.get(e)),
                        quantile(wall.get(e), 0.9), median(cpu.get(e)));
            }
            root.put("maxRelativeDifference", worst);
            out.printf(Locale.ROOT, "outputs apart by at most %.2e of each map's largest value (first %d frames)%n", worst, Math.min(5, inputs.size()));
        }
        root.put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(json.toFile(), root);
            out.println("json: " + json.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    /** Largest |a − b| over every output, relative to that output's largest |a|. */
    private static double difference(Map<String, OnnxNetwork.FeatureMap> a, Map<String, OnnxNetwork.FeatureMap> b) {
        double worst = 0;
        for (var e : a.entrySet()) {
            float[] x = e.getValue().values(), y = b.get(e.getKey()).values();
            if (x.length != y.length) throw new IllegalStateException(e.getKey() + ": the engines' outputs differ in size");
            double scale = 1e-12, d = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(x[i]));
                d = Math.max(d, Math.abs(x[i] - y[i]));
            }
            worst = Math.max(worst, d / scale);
        }
        return worst;
    }

    /** One frame as the network sees it, channel-major. */
    private record Input(float[] chw, int width, int height) {}

    private static double median(List<Double> v) {
        return quantile(v, 0.5);
    }

    /** The {@code q} quantile, interpolated between the two nearest sorted values (the median of an even count is their mean). */
    private static double quantile(List<Double> v, double q) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
