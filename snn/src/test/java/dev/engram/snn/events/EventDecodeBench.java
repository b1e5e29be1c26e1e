package dev.engram.snn.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Single-threaded decode throughput per format, from memory (so the page cache and disk are out of
 * the measurement). Inputs are the shared recordings, their event bodies repeated to 4-15 million
 * events so each run takes tens of milliseconds. Prints the median of the measured runs.
 *
 * <p>Run: {@code java -cp snn/target/classes:snn/target/test-classes:<lz4-java jar> dev.engram.snn.events.EventDecodeBench [data/events] [runs]}
 */
public final class EventDecodeBench {
    private EventDecodeBench() {}

    interface Factory {
        EventDecoder open(ByteArrayInputStream in) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Path events = Path.of(args.length > 0 ? args[0] : "../shared/data/events");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.printf(Locale.ROOT, "%-7s %12s %10s %12s %12s%n", "format", "events", "MB", "median Mev/s", "min..max");
        bench("nmnist", nmnistCorpus(events.resolve("nmnist")), in -> new NmnistDecoder(in, "bench"), runs);
        bench("evt2", repeatBody(events.resolve("prophesee/evt2/sparklers_gen3_640x480.raw"), headerEndPercent(events.resolve("prophesee/evt2/sparklers_gen3_640x480.raw")), 20),
                in -> new Evt2Decoder(in, "bench"), runs);
        bench("evt3", repeatBody(events.resolve("prophesee/evt3/evt3_sample_gen41_1280x720.raw"), headerEndPercent(events.resolve("prophesee/evt3/evt3_sample_gen41_1280x720.raw")), 40),
                in -> new Evt3Decoder(in, "bench"), runs);
        Path dat = events.resolve("prophesee/dat/ncars_obj_004397_td.dat");
        bench("dat", repeatBody(dat, headerEndPercent(dat) + 2, 2000), in -> new DatDecoder(in, "bench"), runs);
        bench("es", repeatBody(events.resolve("eventstream/faery_dvs.es"), 20, 10), in -> new EventStreamDecoder(in, "bench"), runs);
        byte[] aedat = Files.readAllBytes(events.resolve("aedat4/tonic_sample_dvxplorer_320x240.aedat4"));
        bench("aedat4", aedat, in -> new Aedat4Decoder(in, "bench"), runs * 4);
    }

    static void bench(String name, byte[] data, Factory factory, int runs) throws IOException {
        EventBatch batch = EventBatch.withDefaultCapacity();
        int warmup = Math.max(5, runs / 2);
        double[] rates = new double[runs];
        long events = 0;
        for (int r = -warmup; r < runs; r++) {
            long start = System.nanoTime();
            long n = 0;
            try (EventDecoder d = factory.open(new ByteArrayInputStream(data))) {
                int k;
                while ((k = d.read(batch)) > 0) n += k;
            }
            long ns = System.nanoTime() - start;
            events = n;
            if (r >= 0) rates[r] = n * 1e3 / ns;
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-7s %12d %10.1f %12.1f %6.1f..%.1f%n", name, events, data.length / 1e6,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    /** All N-MNIST digits concatenated: the format has no header, so the result is one valid stream. */
    static byte[] nmnistCorpus(Path root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".bin")).sorted().forEach(files::add);
        }
        for (int rep = 0; rep < 4; rep++) for (Path p : files) out.write(Files.readAllBytes(p));
        return out.toByteArray();
    }

    static int headerEndPercent(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int i = 0;
        while (i < b.length && b[i] == '%') {
            while (i < b.length && b[i] != '\n') i++;
            i++;
        }
        return i;
    }

    /** The file's header once, then its body {@code times} times. */
    static byte[] repeatBody(Path p, int headerEnd, int times) throws IOException {
        byte[] b = Files.readAllBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerEnd + (b.length - headerEnd) * times);
        out.write(b, 0, headerEnd);
        for (int i = 0; i < times; i++) out.write(b, headerEnd, b.length - headerEnd);
        return out.toByteArray();
    }
}
