package dev.engram.jobs.cli;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaResultSink;
import dev.engram.jobs.kafka.ResultFolder;
import dev.engram.jobs.kafka.WireConsumer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram consume --topic T --bootstrap HOST:PORT --out DIR}: a job's results from a topic
 * (read_committed, from the beginning) written back to the file layout: DAVIS-layout PNG masks and
 * JSON; the dead-letter topic too with {@code --dead-letters}.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Read a result topic (read_committed) into DIR: masks/<stream>/<index>.png, frames|events|tta/<stream>.jsonl, summaries, dead letters.")
final class ConsumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The result topic.")
    String topic;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A consumer property passed through untouched; repeatable.")
    List<String> properties = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the files go.")
    Path out;

    @Option(names = "--dead-letters", description = "Also read the dead-letter topic (<topic>.dead-letters, or --dead-letter-topic).")
    boolean deadLetters;

    @Option(names = "--dead-letter-topic", paramLabel = "T", description = "The dead-letter topic, when not <topic>.dead-letters.")
    String deadLetterTopic;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "10s", converter = RunOptions.DurationConverter.class,
            description = "Stop once no record arrived for this long (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Override
    public Integer call() throws Exception {
        KafkaEndpoint endpoint = new KafkaEndpoint(bootstrap, KafkaCliOptions.properties(properties));
        ResultFolder folder = new ResultFolder(out.toAbsolutePath());
        List<String> topics = new ArrayList<>(List.of(topic));
        if (deadLetters || deadLetterTopic != null) topics.add(KafkaResultSink.deadLetterTopic(topic, deadLetterTopic));
        for (String t : topics) {
            try (WireConsumer c = new WireConsumer(endpoint, t)) {
                c.drain(idle, null, folder::accept);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(folder.describe());
        o.println("out: " + out.toAbsolutePath());
        o.flush();
        return folder.duplicates() > 0 ? 1 : 0;
    }
}
