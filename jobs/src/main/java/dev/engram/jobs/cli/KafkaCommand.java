package dev.engram.jobs.cli;

import dev.engram.jobs.kafka.LocalKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram kafka start|stop}: a local single-node KRaft broker for trying Engram's Kafka path on a laptop. */
@Command(name = "kafka", mixinStandardHelpOptions = true, description = "Run a local single-node Kafka broker (KRaft) from the Central jars.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class})
final class KafkaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (start, stop)");
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the broker in the background; returns once it accepts connections and prints bootstrap: 127.0.0.1:PORT.")
    static final class Start implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "engram-kafka", description = "The broker's folder: data, log, pid (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--port", paramLabel = "P", defaultValue = "0", description = "Client port on 127.0.0.1 (default: a free one).")
        int port;

        @Override
        public Integer call() throws Exception {
            LocalKafka kafka = new LocalKafka(dir, null);
            String bootstrap = kafka.start(port);
            spec.commandLine().getOut().println("bootstrap: " + bootstrap);
            spec.commandLine().getOut().println("log: " + kafka.log());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker of a folder.")
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "engram-kafka", description = "The broker's folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            boolean stopped = new LocalKafka(dir, null).stop();
            spec.commandLine().getOut().println(stopped ? "stopped: " + dir.toAbsolutePath() : "no broker runs from " + dir.toAbsolutePath());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
