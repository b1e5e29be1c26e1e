package dev.engram.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.connectors.source.StreamSource;
import dev.engram.jobs.CommittedOutput;
import dev.engram.jobs.EngineSettings;
import dev.engram.jobs.JobGraphs;
import dev.engram.jobs.JobRunner;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the event job graph ({@link JobGraphs#events}) locally to its end and reads back what it
 * committed under {@code out}: the way {@code events eval}, {@code events run} and {@code bench events}
 * learn their results (nothing is collected from the job itself).
 */
public final class EventJob {
    private EventJob() {}

    /** What a finished run committed: result lines per stream (in order), dead letters, wall time. */
    public record Result(Map<String, List<JsonNode>> lines, List<DeadLetter> deadLetters, double seconds) {
        public long results() {
            return lines.values().stream().mapToLong(List::size).sum();
        }

        public long events() {
            return lines.values().stream().flatMap(List::stream).mapToLong(l -> l.path("events").asLong()).sum();
        }
    }

    public static Result run(EngineSettings settings, StreamSource<EventChunk> source, EventReservoirFunction function, Path out,
            String name) throws Exception {
        StreamExecutionEnvironment env = JobRunner.environment(settings);
        JobGraphs.events(env, source, function, EngineSettings.uri(out));
        JobRunner.LocalRun r = JobRunner.runLocally(env, name, settings.savepointDir(), null, 2000, System.err);
        CommittedOutput output = new CommittedOutput(out);
        output.removeStaging();
        Map<String, List<JsonNode>> lines = new LinkedHashMap<>();
        for (String stream : output.finishedStreams("events")) lines.put(stream, output.lines("events", stream));
        return new Result(lines, output.deadLetterRecords(), r.seconds());
    }
}
