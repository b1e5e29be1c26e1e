package dev.engram.jobs.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real KRaft broker for every Kafka test of this module (started on first use from the test
 * classpath by the same {@link LocalKafka} that {@code engram kafka start} uses, stopped when the
 * test JVM exits).
 */
public final class SharedKafka {
    private static LocalKafka broker;
    private static String bootstrap;

    private SharedKafka() {}

    public static synchronized String bootstrap() {
        if (bootstrap == null) {
            try {
                Path dir = Path.of("target", "kafka-tests", String.valueOf(ProcessHandle.current().pid()));
                if (Files.exists(dir)) dev.engram.jobs.WorkFolders.delete(dir);
                broker = new LocalKafka(dir, System.getProperty("java.class.path"));
                bootstrap = broker.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        broker.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away; the broker's pid file says what may still run
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test broker: " + e.getMessage(), e);
            }
        }
        return bootstrap;
    }
}
