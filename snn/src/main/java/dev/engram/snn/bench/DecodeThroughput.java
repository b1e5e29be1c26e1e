package dev.engram.snn.bench;

import dev.engram.snn.audio.CochleaOptions;
import dev.engram.snn.audio.PcmReader;
import dev.engram.snn.events.Aedat4Decoder;
import dev.engram.snn.events.CochleaDecoder;
import dev.engram.snn.events.DatDecoder;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.events.EventDecoder;
import dev.engram.snn.events.EventFormat;
import dev.engram.snn.events.EventStreamDecoder;
import dev.engram.snn.events.Evt2Decoder;
import dev.engram.snn.events.Evt3Decoder;
import dev.engram.snn.events.NmnistDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Single-threaded decode rate of each {@link EventDecoder} from memory (a {@link ByteArrayInputStream},
 * so disk and page cache are out of the measurement; the copy out of the stream is included), into one
 * reused default-capacity {@link EventBatch}. Inputs are the shared recordings with their event bodies
 * repeated to millions of events (see docs/BENCHMARKS-events.md).
 */
public final class DecodeThroughput {
    private DecodeThroughput() {}

    /** Opens a decoder of one format on an in-memory recording. */
    @FunctionalInterface
    public interface DecoderFactory {
        EventDecoder open(ByteArrayInputStream in) throws IOException;
    }

    /** Builds a benchmark input in memory; called just before that format is measured, so one input is held at a time. */
    @FunctionalInterface
    public interface InputBytes {
        byte[] load() throws IOException;
    }

    /** One format's input: how to build its bytes, its decoder, and how many times more runs it gets than the others. */
    public record Input(String format, InputBytes bytes, DecoderFactory factory, int runsFactor) {}

    /** Rates in millions of events per second over the measured runs. */
    public record DecodeRate(String format, long events, long bytes, double medianMeventsPerSecond, double minMeventsPerSecond,
            double maxMeventsPerSecond) {}

    /**
     * The inputs built from the shared recordings under {@code events} (the data/events folder): all
     * N-MNIST digits x4, EVT2 body x20, EVT3 body x40, DAT events x2000, Event Stream body x10, the
     * AEDAT4 sample as is (small, so it gets 4x the runs), and, where the sibling {@code audio} folder
     * exists, 300 spoken digits in one WAV through the cochlea emulator.
     */
    public static List<Input> sharedInputs(Path events) {
        Path evt2 = events.resolve("prophesee/evt2/sparklers_gen3_640x480.raw");
        Path evt3 = events.resolve("prophesee/evt3/evt3_sample_gen41_1280x720.raw");
        Path dat = events.resolve("prophesee/dat/ncars_obj_004397_td.dat");
        List<Input> inputs = new java.util.ArrayList<>(List.of(
                new Input("nmnist", () -> nmnistCorpus(events.resolve("nmnist")), in -> new NmnistDecoder(in, "bench"), 1),
                new Input("evt2", () -> repeatBody(evt2, headerEnd(evt2), 20), in -> new Evt2Decoder(in, "bench"), 1),
                new Input("evt3", () -> repeatBody(evt3, headerEnd(evt3), 40), in -> new Evt3Decoder(in, "bench"), 1),
                // The DAT body starts after the '%' lines and the two event type/size bytes.
                new Input("dat", () -> repeatBody(dat, headerEnd(dat) + 2, 2000), in -> new DatDecoder(in, "bench"), 1),
                new Input("es", () -> repeatBody(events.resolve("eventstream/faery_dvs.es"), 20, 10),
                        in -> new EventStreamDecoder(in, "bench"), 1),
                new Input("aedat4", () -> Files.readAllBytes(events.resolve("aedat4/tonic_sample_dvxplorer_320x240.aedat4")),
                        in -> new Aedat4Decoder(in, "bench"), 4)));
        Path spoken = events.resolveSibling("audio").resolve("fsdd/recordings");
        if (Files.isDirectory(spoken)) {
            inputs.add(new Input("wav", () -> spokenDigits(spoken, 300),
                    in -> new CochleaDecoder(PcmReader.wav(in, "bench"), CochleaOptions.defaults(), EventFormat.WAV), 1));
        }
        return inputs;
    }

    /**
     * One 16-bit mono WAV at 8 kHz holding the samples of the first {@code files} spoken digits (by name)
     * under {@code recordings}, one after the other: the cochlea's input ({@code wav} decodes through it).
     */
    public static byte[] spokenDigits(Path recordings, int files) throws IOException {
        List<Path> wavs;
        try (Stream<Path> s = Files.list(recordings)) {
            wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().limit(files).toList();
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (Path w : wavs) {
            try (PcmReader r = PcmReader.wav(new java.io.BufferedInputStream(Files.newInputStream(w)), w.toString())) {
                if (r.sampleRate() != 8000) throw new IOException(w + ": not 8 kHz");
                float[] block = new float[4096];
                int n;
                while ((n = r.read(block)) > 0) {
                    for (int i = 0; i < n; i++) {
                        int q = Math.max(-32768, Math.min(32767, Math.round(block[i] * 32768f)));
                        pcm.write(q & 0xFF);
                        pcm.write((q >> 8) & 0xFF);
                    }
                }
            }
        }
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.size())
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.size());
        out.write(header.array());
        pcm.writeTo(out);
        return out.toByteArray();
    }

    /** Builds {@code input}, decodes it {@code warmup} times unmeasured, then {@code runs * runsFactor} times measured. */
    public static DecodeRate measure(Input input, int runs, int warmup) throws IOException {
        return measure(input.format(), input.bytes().load(), input.factory(), runs * input.runsFactor(), warmup);
    }

    /** Decodes {@code data} {@code warmup} times unmeasured, then {@code runs} times measured. */
    public static DecodeRate measure(String format, byte[] data, DecoderFactory factory, int runs, int warmup) throws IOException {
        EventBatch batch = EventBatch.withDefaultCapacity();
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
        return new DecodeRate(format, events, data.length, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    /** All N-MNIST digits under {@code root} concatenated 4 times: the format has no header, so this is one valid stream. */
    public static byte[] nmnistCorpus(Path root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        for (int rep = 0; rep < 4; rep++) for (Path p : files) out.write(Files.readAllBytes(p));
        return out.toByteArray();
    }

    /** Offset of the first byte after the file's leading '%' text lines. */
    public static int headerEnd(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int i = 0;
        while (i < b.length && b[i] == '%') {
            while (i < b.length && b[i] != '\n') i++;
            i++;
        }
        return i;
    }

    /** The file's first {@code headerEnd} bytes once, then the rest {@code times} times. */
    public static byte[] repeatBody(Path p, int headerEnd, int times) throws IOException {
        byte[] b = Files.readAllBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerEnd + (b.length - headerEnd) * times);
        out.write(b, 0, headerEnd);
        for (int i = 0; i < times; i++) out.write(b, headerEnd, b.length - headerEnd);
        return out.toByteArray();
    }
}
