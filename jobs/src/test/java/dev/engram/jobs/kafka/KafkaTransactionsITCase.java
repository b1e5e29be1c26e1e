package dev.engram.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaInputs;
import dev.engram.connectors.wire.WireFormat;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobInput;
import dev.engram.jobs.JobOutputs;
import dev.engram.jobs.JobRunner;
import dev.engram.jobs.cli.CliRunner;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.VosOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VOS job from a topic to a topic that fails mid-stream once: the Kafka transaction open at the
 * failure is aborted. A read_uncommitted reader sees the aborted results too (so partial output did
 * reach the broker); a read_committed reader sees every frame's result exactly once.
 */
class KafkaTransactionsITCase {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @TempDir
    Path tmp;

    @Test
    void resultsOfAnAbortedTransactionAreInvisibleToReadCommittedReaders() throws Exception {
        String bootstrap = SharedKafka.bootstrap();
        KafkaEndpoint endpoint = KafkaEndpoint.of(bootstrap);
        CliRunner.Result produced = CliRunner.run("produce", "synthetic:2", "--topic", "tx-in", "--bootstrap", bootstrap, "--max-frames", "60",
                "--width", "64", "--height", "48", "--encoding", "png");
        assertThat(produced.code()).as(produced.err()).isZero();
        Topics.ensure(endpoint, "tx-out", "tx-out.dead-letters");

        var kafka = KafkaInputs.frames(endpoint, "tx-in", "tx-test", true);
        JobInput<LabeledFrame> failing = env -> JobInput.framesAndMasks(kafka, "frames").stream(env)
                .map(new FailOnce(50)).returns(InputRecord.typeInfo(LabeledFrame.class)).uid("fail-once").name("fail-once");
        StreamExecutionEnvironment env = JobRunner.environment(EngineSettings.local(tmp.resolve("work"), 1)
                .withCheckpointInterval(Duration.ofMillis(300)));
        JobGraphs.vos(env, failing, new SegmentationFunction(VosOptions.defaults()), new FrameScoring(), 1000,
                new JobOutputs.Kafka(endpoint, "tx-out", "tx-out.dead-letters", "tx-test", WireRecord.Encoding.MASK_RLE));
        env.execute("tx");
        assertThat(FAILURES.get()).as("the job failed once and restored").isEqualTo(1);

        Map<String, Integer> committed = results(bootstrap, "read_committed"), all = results(bootstrap, "read_uncommitted");
        assertThat(committed).hasSize(120).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        assertThat(all.values().stream().mapToInt(Integer::intValue).sum())
                .as("aborted results reached the broker, unseen by read_committed").isGreaterThan(120);
    }

    /** RESULT records by stream/index, counted, as a reader with {@code isolation} sees the topic. */
    private static Map<String, Integer> results(String bootstrap, String isolation) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", isolation,
                "group.id", "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor("tx-out").stream().map(p -> new TopicPartition("tx-out", p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    idleSince = System.nanoTime();
                    WireRecord w = WireFormat.decode(r.value());
                    if (w.kind == WireRecord.Kind.RESULT) counts.merge(w.streamId + "/" + w.sequence, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * Passes records through and fails once, after {@code failAfter} records and a completed checkpoint,
     * at a moment when at least 3 records have passed since the latest barrier; it then holds the
     * stream for a second before failing (no barrier can pass it meanwhile), so those records reach the
     * sink inside the transaction the failure aborts. Failing right after a barrier would leave that
     * transaction empty, and nothing aborted to see.
     */
    static final class FailOnce implements MapFunction<InputRecord<LabeledFrame>, InputRecord<LabeledFrame>>, CheckpointListener,
            CheckpointedFunction {
        private final long failAfter;
        private long seen;
        private long sinceBarrier;
        private boolean checkpointed;

        FailOnce(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public InputRecord<LabeledFrame> map(InputRecord<LabeledFrame> r) throws InterruptedException {
            seen++;
            if (seen > failAfter && checkpointed && sinceBarrier >= 3 && FAILURES.get() == 0) {
                Thread.sleep(1000);
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            // Past the failure point, wait a little per record until the failure has happened: a fast
            // learner could otherwise finish the 120 frames before a checkpoint completes, and the job
            // would never fail (the task thread still handles barriers between records).
            if (seen > failAfter && FAILURES.get() == 0) Thread.sleep(50);
            sinceBarrier++;
            return r;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            sinceBarrier = 0;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
