package dev.engram.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engram events}: event-camera recordings (stats, eval, run). */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Event recordings (cameras and audio): decode statistics, evaluation, zero-shot cross-modal learning, the streaming reservoir job.",
        subcommands = {EventsStatsCommand.class, EventsEvalCommand.class, EventsRunCommand.class, EventsZeroshotCommand.class})
final class EventsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** A number, or null when it is not finite (JSON has no NaN). */
    static void number(com.fasterxml.jackson.databind.node.ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }

    /** At most three dead letters per stream, then a count, so one bad folder does not bury the output. */
    static void printDeadLetters(java.io.PrintWriter o, java.util.List<dev.engram.operators.DeadLetter> letters) {
        java.util.Map<String, Integer> shown = new java.util.TreeMap<>();
        int hidden = 0;
        for (dev.engram.operators.DeadLetter d : letters) {
            int k = shown.merge(String.valueOf(d.streamId), 1, Integer::sum);
            if (k <= 3 && shown.size() <= 20) o.println("dead letter: " + d);
            else hidden++;
        }
        if (hidden > 0) o.println("dead letter: … and " + hidden + " more");
    }

    /** Checks a {@code --format} value; picocli turns the exception into a usage error (exit 2). */
    static final class FormatConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                dev.engram.snn.events.EventFormat.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
