package dev.engram.snn.events;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded mutations (byte flips, inserted, deleted and duplicated bytes, truncation) of
 * each format's first 64 KiB: every one must decode to a clean (possibly partial) result or raise
 * {@link EventDecodeException}, within a time limit and without any other exception or error.
 */
class DecoderFuzzTest {
    private static final int SLICE = 64 * 1024;
    private static final int CASES_PER_FORMAT = 1500;
    private static final long TIMEOUT_MS = 5_000;

    @FunctionalInterface
    interface DecoderFactory {
        EventDecoder open(InputStream in, String source) throws IOException;
    }

    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() throws IOException {
        // Surefire points java.io.tmpdir under target/, which may not exist yet.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-decoder");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    static byte[] slice(String relative) throws IOException {
        Path p = SharedData.events(relative);
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(SLICE);
        }
    }

    @Test
    void mutatedNmnistDecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("nmnist", slice("nmnist/unlabelled/tonic_sample_nmnist.bin"), NmnistDecoder::new, 101);
    }

    @Test
    void mutatedEvt2DecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("evt2", slice("prophesee/evt2/sparklers_gen3_640x480.raw"), Evt2Decoder::new, 202);
    }

    @Test
    void mutatedEvt3DecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("evt3", slice("prophesee/evt3/evt3_sample_gen41_1280x720.raw"), Evt3Decoder::new, 303);
    }

    @Test
    void mutatedDatDecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("dat", slice("prophesee/dat/ncars_obj_004397_td.dat"), DatDecoder::new, 404);
    }

    @Test
    void mutatedAedat4DecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("aedat4", slice("aedat4/tonic_sample_dvxplorer_320x240.aedat4"), Aedat4Decoder::new, 505);
    }

    @Test
    void mutatedEventStreamDecodesCleanlyOrFailsClearly() throws Exception {
        fuzz("es", slice("eventstream/faery_dvs.es"), EventStreamDecoder::new, 606);
    }

    @Test
    void mutatedCsvDecodesCleanlyOrFailsClearly() throws Exception {
        StringBuilder sb = new StringBuilder("t,x,y,p\n");
        Random r = new Random(7);
        long t = 0;
        while (sb.length() < 32 * 1024) {
            t += r.nextInt(50);
            sb.append(t).append(',').append(r.nextInt(640)).append(',').append(r.nextInt(480)).append(',')
                    .append(r.nextInt(2)).append('\n');
        }
        byte[] csv = sb.toString().getBytes(StandardCharsets.US_ASCII);
        fuzz("csv", csv, (in, src) -> new CsvEventDecoder(in, src, CsvEventDecoder.Options.defaults()), 707);
    }

    private void fuzz(String name, byte[] original, DecoderFactory factory, long seed) throws Exception {
        Random random = new Random(seed);
        int clean = 0;
        int truncated = 0;
        int refused = 0;
        for (int c = 0; c < CASES_PER_FORMAT; c++) {
            long caseSeed = random.nextLong();
            byte[] data = mutate(original, new Random(caseSeed), c);
            boolean trickle = c % 7 == 0;
            String id = name + " case " + c + " (seed " + caseSeed + ", " + data.length + " bytes)";
            Future<Outcome> future = worker.submit(() -> decode(factory, data, trickle, caseSeed, id));
            Outcome outcome;
            try {
                outcome = future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                fail(id + ": decoding did not finish within " + TIMEOUT_MS + " ms");
                return;
            } catch (ExecutionException e) {
                throw new AssertionError(id + ": unexpected " + e.getCause(), e.getCause());
            }
            // Every event costs the encoder at least one bit; 12 events per 2-byte word is EVT3's densest.
            assertThat(outcome.events).as(id).isLessThanOrEqualTo(8L * data.length + 1024);
            switch (outcome.kind) {
                case CLEAN -> clean++;
                case TRUNCATED -> truncated++;
                case REFUSED -> refused++;
            }
        }
        System.out.printf("fuzz %s: %d clean, %d truncated, %d refused%n", name, clean, truncated, refused);
        assertThat(clean + truncated).as(name + " decoded cases").isPositive();
        assertThat(clean + truncated + refused).isEqualTo(CASES_PER_FORMAT);
    }

    @Test
    void mutatedFilesThroughAutoDetectionDecodeCleanlyOrFailClearly(@TempDir Path dir) throws Exception {
        String[] sources = {
            "nmnist/unlabelled/tonic_sample_nmnist.bin", "prophesee/evt2/sparklers_gen3_640x480.raw",
            "prophesee/evt3/evt3_sample_gen41_1280x720.raw", "prophesee/dat/ncars_obj_004397_td.dat",
            "aedat4/tonic_sample_dvxplorer_320x240.aedat4", "eventstream/faery_dvs.es"};
        Random random = new Random(808);
        for (String source : sources) {
            byte[] original = slice(source);
            String fileName = Path.of(source).getFileName().toString();
            for (int c = 0; c < 150; c++) {
                long caseSeed = random.nextLong();
                Path file = dir.resolve(c + "-" + fileName);
                Files.write(file, mutate(original, new Random(caseSeed), c));
                String id = fileName + " case " + c + " (seed " + caseSeed + ")";
                Future<Long> future = worker.submit(() -> {
                    try {
                        return EventStats.of(file).events();
                    } catch (EventDecodeException e) {
                        assertThat(e.getMessage()).as(id).contains(file.toString());
                        return -1L;
                    }
                });
                try {
                    future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    fail(id + ": decoding did not finish within " + TIMEOUT_MS + " ms");
                } catch (ExecutionException e) {
                    throw new AssertionError(id + ": unexpected " + e.getCause(), e.getCause());
                }
                Files.delete(file);
            }
        }
    }

    enum Kind { CLEAN, TRUNCATED, REFUSED }

    record Outcome(Kind kind, long events) {}

    private static Outcome decode(DecoderFactory factory, byte[] data, boolean trickle, long seed, String id) {
        InputStream in = trickle ? new TrickleInputStream(data, seed, 97) : new ByteArrayInputStream(data);
        long events = 0;
        EventBatch batch = new EventBatch(1000);
        try (EventDecoder d = factory.open(in, id)) {
            int n;
            while ((n = d.read(batch)) > 0) {
                assertThat(n).isEqualTo(batch.size()).isLessThanOrEqualTo(batch.capacity());
                events += n;
            }
            assertThat(n).isEqualTo(-1);
            assertThat(d.read(batch)).as("reads after the end stay at the end").isEqualTo(-1);
            return new Outcome(d.truncated() ? Kind.TRUNCATED : Kind.CLEAN, events);
        } catch (EventDecodeException e) {
            assertThat(e.getMessage()).as(id).contains(id).contains("@ byte");
            return new Outcome(Kind.REFUSED, events);
        } catch (IOException e) {
            throw new AssertionError(id + ": IOException other than EventDecodeException: " + e, e);
        }
    }

    /** One to eight random edits; every fifth case is a pure truncation. */
    static byte[] mutate(byte[] original, Random r, int caseIndex) {
        if (caseIndex % 5 == 0) return Arrays.copyOf(original, r.nextInt(original.length + 1));
        byte[] data = original.clone();
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            if (data.length == 0) break;
            int at = r.nextInt(data.length);
            switch (r.nextInt(6)) {
                case 0, 1 -> data[at] = (byte) r.nextInt(256);
                case 2 -> data[at] ^= (byte) (1 << r.nextInt(8));
                case 3 -> {
                    byte[] insert = new byte[1 + r.nextInt(16)];
                    r.nextBytes(insert);
                    data = splice(data, at, 0, insert);
                }
                case 4 -> data = splice(data, at, Math.min(data.length - at, 1 + r.nextInt(16)), new byte[0]);
                default -> {
                    int len = Math.min(data.length - at, 1 + r.nextInt(64));
                    data = splice(data, at, 0, Arrays.copyOfRange(data, at, at + len));
                }
            }
        }
        if (r.nextInt(4) == 0) data = Arrays.copyOf(data, r.nextInt(data.length + 1));
        return data;
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }
}
