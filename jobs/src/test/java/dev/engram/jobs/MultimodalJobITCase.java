package dev.engram.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.sink.file.CommitLog;
import dev.engram.operators.InputRecord;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.ReadoutOptions;
import dev.engram.snn.zeroshot.ZeroShotEvaluation;
import dev.engram.snn.zeroshot.ZeroShotModel;
import dev.engram.snn.zeroshot.ZeroShotOptions;
import dev.engram.testdata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multimodal job (vision and audio recordings through their reservoirs and projection heads in
 * one job, {@link JobGraphs#multimodal}): what it commits equals the plain-Java model's embeddings and
 * predictions, and a run whose reservoir operator fails once mid-stream and restores from its last
 * checkpoint commits exactly what an uninterrupted run commits, every stream once.
 */
class MultimodalJobITCase {
    @TempDir
    Path tmp;

    /** {@code perClass} N-MNIST train digits of each class and {@code perClass} takes of one speaker per digit, linked into tmp. */
    private Path[] folders(int perClass) throws Exception {
        Path vision = tmp.resolve("vision"), audio = tmp.resolve("audio");
        Path nmnist = SharedData.events("nmnist/Train");
        Path fsdd = SharedData.path("audio/fsdd/recordings");
        for (int label = 0; label < 10; label++) {
            Path to = Files.createDirectories(vision.resolve(String.valueOf(label)));
            List<Path> files;
            try (Stream<Path> s = Files.list(nmnist.resolve(String.valueOf(label)))) {
                files = s.sorted((x, y) -> Long.compare(LabelledSamples.fileNumber(x), LabelledSamples.fileNumber(y))).limit(perClass).toList();
            }
            for (Path f : files) Files.createSymbolicLink(to.resolve(f.getFileName()), f.toAbsolutePath());
            Files.createDirectories(audio);
            for (int take = 5; take < 5 + perClass; take++) {
                String name = label + "_jackson_" + take + ".wav";
                Files.createSymbolicLink(audio.resolve(name), fsdd.resolve(name).toAbsolutePath());
            }
        }
        return new Path[] {vision, audio};
    }

    /** A small model: 200-neuron reservoirs, heads trained briefly on classes 1-7. */
    private static ZeroShotModel model(LabelledSamples vision, LabelledSamples audio) {
        ZeroShotEvaluation.Options o = new ZeroShotEvaluation.Options(new int[] {1, 2, 3, 4, 5, 6, 7}, new int[] {8, 9}, 2, 1,
                LsmOptions.defaults().with(LsmOptions.NEURONS, 200).with(LsmOptions.SEED, 3L),
                dev.engram.snn.eval.Modality.AUDIO.lsm().with(LsmOptions.NEURONS, 200).with(LsmOptions.SEED, 3L),
                ZeroShotOptions.defaults().with(ZeroShotOptions.STEPS, 40).with(ZeroShotOptions.HIDDEN, 16).with(ZeroShotOptions.DIM, 8),
                ReadoutOptions.defaults());
        return ZeroShotEvaluation.trainModel(vision, audio, ZeroShotEvaluation.encode(vision, o.visionLsm()),
                ZeroShotEvaluation.encode(audio, o.audioLsm()), o);
    }

    private CommittedOutput run(Path[] in, EventReservoirFunction function, String name) throws Exception {
        Path out = tmp.resolve(name);
        StreamExecutionEnvironment env = JobRunner.environment(LocalJobs.settings(tmp.resolve(name + "-work")));
        JobGraphs.multimodal(env, Sources.modality("vision", in[0], 512), Sources.modality("audio", in[1], 256), function,
                EngineSettings.uri(out));
        env.execute(name);
        return new CommittedOutput(out);
    }

    private static Map<String, List<String>> lines(CommittedOutput out) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String s : out.finishedStreams("events")) m.put(s, out.lines("events", s).stream().map(JsonNode::toString).toList());
        return m;
    }

    @Test
    void streamsMatchPlainJavaAndARestoreFromACheckpointGivesTheUninterruptedOutput() throws Exception {
        Path[] in = folders(3);
        LabelledSamples vision = LabelledSamples.load(in[0]), audio = LabelledSamples.load(in[1]);
        ZeroShotModel model = model(vision, audio);

        CommittedOutput clean = run(in, EventReservoirFunction.zeroShot(model), "clean");
        Map<String, List<String>> reference = lines(clean);
        assertThat(clean.deadLetters()).isEmpty();
        assertThat(reference).hasSize(60);
        assertThat(reference.keySet()).contains("vision/7/" + LabelledSamples.fileNumber(vision.paths().get(21)), "audio/3_jackson_5");

        // The stream computes what the library computes.
        for (LabelledSamples s : List.of(vision, audio)) {
            boolean isAudio = s == audio;
            for (int i = 0; i < s.size(); i += 7) {
                Path p = s.paths().get(i);
                String stem = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                String stream = isAudio ? "audio/" + stem : "vision/" + p.getParent().getFileName() + "/" + stem;
                JsonNode line = clean.lines("events", stream).get(0);
                ZeroShotModel.Side side = isAudio ? model.audio() : model.vision();
                ReservoirFeatures f = new ReservoirFeatures(side.build());
                float[] x = new float[f.dimension()];
                f.encode(s.samples().get(i), x);
                double[] e = isAudio ? model.heads().audio().embed(x) : model.heads().vision().embed(x);
                int predicted = ZeroShotModel.argmax(isAudio ? model.scoresForAudio(e) : model.scoresForVision(e));
                assertThat(line.path("modality").asText()).isEqualTo(isAudio ? "audio" : "vision");
                assertThat(line.path("label").asInt()).isEqualTo(s.label(i));
                assertThat(line.path("predicted").asInt()).as(stream).isEqualTo(predicted);
                assertThat(line.path("embedding")).hasSize(8);
                for (int k = 0; k < 8; k++) assertThat(line.path("embedding").get(k).floatValue()).isEqualTo((float) e[k]);
            }
        }

        FailOnce.FAILURES.set(0);
        CommittedOutput restored = run(in, new FailOnce(model), "restored");
        assertThat(FailOnce.FAILURES.get()).as("the injected failure happened").isEqualTo(1);
        assertThat(restored.deadLetters()).isEmpty();
        assertThat(lines(restored)).isEqualTo(reference);
        assertThat(CommitLog.fileCommits(tmp.resolve("restored")).values()).allMatch(n -> n == 1);
    }

    /**
     * The zero-shot operator, failing once after it has seen 150 chunks and a checkpoint has
     * completed, so the job restarts from real state; slowed a little so checkpoints land mid-stream.
     */
    static final class FailOnce extends EventReservoirFunction implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger FAILURES = new AtomicInteger();
        private transient long seen;
        private transient boolean checkpointed;

        FailOnce(ZeroShotModel model) {
            super(zeroShotReadout(model), 0, 1);
        }

        @Override
        public void processElement(InputRecord<EventChunk> record, Context ctx, Collector<EventResult> out) throws Exception {
            Thread.sleep(2);
            if (++seen > 150 && checkpointed && FAILURES.get() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure after " + seen + " chunks");
            }
            super.processElement(record, ctx, out);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
