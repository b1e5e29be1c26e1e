package dev.engram.connectors;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster every ITCase of this module runs on: 2 slots, temp dirs under target/. */
final class TestCluster {
    private TestCluster() {}

    static MiniClusterExtension create() {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, Path.of(System.getProperty("java.io.tmpdir"), "flink").toString());
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(conf).build());
    }

    /**
     * An environment of parallelism 2 that checkpoints every 100 ms and restarts a failed job up to
     * three times, for the fail-and-restore ITCases.
     */
    static StreamExecutionEnvironment restartingEnvironment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        return env;
    }

}
