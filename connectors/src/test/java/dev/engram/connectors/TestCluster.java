package dev.engram.connectors;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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

    static Path data() {
        return Path.of(System.getProperty("engram.data", "../shared/data"));
    }
}
