package dev.engram.jobs.events;

import dev.engram.connectors.events.EventFileSource;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.operators.events.EventChunk;
import dev.engram.operators.events.EventReservoirFunction;
import dev.engram.operators.events.EventResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The event job: recordings from an {@link EventFileSource} (parallelism 1, files in order), keyed by
 * stream, through an {@link EventReservoirFunction} (the job's parallelism), with the results and the
 * dead letters of every step collected back to the caller as they arrive.
 */
public final class EventJob {
    private final StreamExecutionEnvironment env;
    private final SingleOutputStreamOperator<EventResult> results;

    public EventJob(StreamExecutionEnvironment env, EventFileSource source, EventReservoirFunction function) {
        this.env = env;
        DataStream<EventChunk> chunks = source.stream(env);
        this.results = chunks.keyBy(c -> c.streamId, Types.STRING).process(function).name("lsm-reservoir")
                .uid("lsm-reservoir").returns(EventResult.class);
    }

    public StreamExecutionEnvironment environment() { return env; }

    public SingleOutputStreamOperator<EventResult> results() { return results; }

    public DataStream<DeadLetter> deadLetters() { return results.getSideOutput(DeadLetters.TAG); }

    /** Runs the job to its end, handing each result and dead letter to the callbacks on the calling thread. */
    public Summary run(String name, Consumer<EventResult> onResult, Consumer<DeadLetter> onDeadLetter) throws Exception {
        DataStream<Object> both = results.map(r -> (Object) r).returns(Object.class).name("collect-results")
                .union(deadLetters().map(d -> (Object) d).returns(Object.class).name("collect-dead-letters"));
        Summary s = new Summary();
        long t0 = System.nanoTime();
        try (CloseableIterator<Object> it = both.executeAndCollect(name)) {
            while (it.hasNext()) {
                Object o = it.next();
                if (o instanceof EventResult r) {
                    s.results++;
                    s.events += r.events;
                    onResult.accept(r);
                } else {
                    DeadLetter d = (DeadLetter) o;
                    s.deadLetters.add(d);
                    onDeadLetter.accept(d);
                }
            }
        }
        s.seconds = (System.nanoTime() - t0) / 1e9;
        return s;
    }

    /** Counts of a finished run. */
    public static final class Summary {
        public long results;
        public long events;
        public double seconds;
        public final List<DeadLetter> deadLetters = new ArrayList<>();
    }
}
