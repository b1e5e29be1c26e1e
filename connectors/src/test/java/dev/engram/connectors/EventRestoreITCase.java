package dev.engram.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.events.EventFileSource;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
import dev.engram.snn.OptionSet;
import dev.engram.snn.lsm.LsmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event job (file source → keyed LSM reservoir in time windows) that fails once mid-stream and
 * restores from a checkpoint emits exactly the windows, with the same reservoir features, as one
 * that never fails: no window lost, none repeated with different contents.
 */
class EventRestoreITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestCluster.create();

    private static final OptionSet LSM = LsmOptions.defaults().with(LsmOptions.NEURONS, 200).with(LsmOptions.SEED, 3L);
    private static final int FILES = 3, EVENTS = 6_000;
    private static final long WINDOW_US = 20_000;

    @TempDir
    Path tmp;

    @Test
    void failingOnceAndRestoringEmitsTheSameWindowsAsAnUninterruptedRun() throws Exception {
        Path input = tmp.resolve("recordings");
        for (int f = 0; f < FILES; f++) writeNmnist(input.resolve("rec" + f + ".bin"), f);
        FailOnceMapper.FAILURES.set(0);
        run(input, tmp.resolve("clean"), false);
        run(input, tmp.resolve("restored"), true);

        assertThat(FailOnceMapper.FAILURES.get()).isEqualTo(1);
        Map<String, String> clean = contents(tmp.resolve("clean"));
        // Each recording spans about 120 ms: several 20 ms windows per stream.
        assertThat(clean).hasSizeGreaterThan(FILES * 4);
        assertThat(contents(tmp.resolve("restored"))).isEqualTo(clean);
    }

    private static void run(Path input, Path out, boolean injectFailure) throws Exception {
        StreamExecutionEnvironment env = TestCluster.restartingEnvironment();
        EventFileSource files = EventFileSource.plan(input, "auto", 256);
        // Rate-limited so several checkpoints complete before the input ends.
        DataStream<EventChunk> chunks = env.fromSource(new DataGeneratorSource<>(files, files.chunks(),
                        RateLimiterStrategy.perSecond(40), TypeInformation.of(EventChunk.class)),
                WatermarkStrategy.noWatermarks(), "event-files").setParallelism(1);
        DataStream<EventResult> results = chunks.keyBy(c -> c.streamId, Types.STRING)
                .process(EventReservoirFunction.windows(LSM, WINDOW_US)).returns(EventResult.class);
        if (injectFailure) results = results.map(new FailOnceMapper<>(FILES * 2)).returns(EventResult.class);
        results.sinkTo(new ResultFiles(out));
        env.execute(injectFailure ? "events-fail-once" : "events-uninterrupted");
    }

    /** Seeded N-MNIST {@code .bin} recording: 34×34, a bar sweeping right, times rising over ~120 ms. */
    private static void writeNmnist(Path file, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] b = new byte[5 * EVENTS];
        long t = 1_000;
        for (int i = 0; i < EVENTS; i++) {
            t += rnd.nextInt(40);
            int x = Math.min(33, (int) ((t / 4000) % 30) + rnd.nextInt(5)), y = rnd.nextInt(34);
            b[5 * i] = (byte) x;
            b[5 * i + 1] = (byte) y;
            b[5 * i + 2] = (byte) ((rnd.nextBoolean() ? 0x80 : 0) | ((t >> 16) & 0x7F));
            b[5 * i + 3] = (byte) (t >> 8);
            b[5 * i + 4] = (byte) t;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b);
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readString(p));
        }
        return out;
    }

    /** One file per result, named by stream and window: a replayed window overwrites itself. */
    private static final class ResultFiles implements Sink<EventResult> {
        private final String root;

        ResultFiles(Path root) {
            this.root = root.toString();
        }

        @Override
        public SinkWriter<EventResult> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(EventResult r, Context ctx) throws IOException {
                    Path file = Path.of(root, r.streamId, String.format("%05d.txt", r.index));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, r + " " + Arrays.toString(r.embedding));
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
