package dev.engram.jobs;

import dev.engram.connectors.source.StreamSource;
import dev.engram.operators.FrameScoring;
import dev.engram.operators.LabeledFrame;
import dev.engram.operators.SegmentationFunction;
import dev.engram.vos.VosOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the real job graphs on an embedded cluster for the ITCases of this module, checkpointing every 200 ms. */
final class LocalJobs {
    private LocalJobs() {}

    static EngineSettings settings(Path work) {
        return EngineSettings.local(work, 2).withCheckpointInterval(Duration.ofMillis(200));
    }

    /** The VOS job over {@code source} into {@code out}; returns what it committed. */
    static CommittedOutput vos(StreamSource<LabeledFrame> source, VosOptions options, Path out, Path work) throws Exception {
        StreamExecutionEnvironment env = JobRunner.environment(settings(work));
        JobGraphs.vos(env, source, new SegmentationFunction(options), new FrameScoring(), 1000, EngineSettings.uri(out));
        env.execute("vos-test");
        return new CommittedOutput(out);
    }
}
