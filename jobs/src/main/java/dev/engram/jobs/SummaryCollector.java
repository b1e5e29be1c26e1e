package dev.engram.jobs;

import dev.engram.operators.DeadLetter;
import dev.engram.operators.StreamSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a job and collects its summaries and dead letters (both small), reporting progress as
 * summaries arrive. The final summary of each stream wins.
 */
public final class SummaryCollector {
    public final Map<String, StreamSummary> summaries = new TreeMap<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();

    public static SummaryCollector run(SegmentationJob job, DataStream<StreamSummary> summaries, String name,
            ProgressReporter progress) throws Exception {
        SummaryCollector c = new SummaryCollector();
        DataStream<Object> both = summaries.map(s -> (Object) s).returns(Object.class).name("collect-summaries")
                .union(job.deadLetters().map(d -> (Object) d).returns(Object.class).name("collect-dead-letters"));
        try (CloseableIterator<Object> it = both.executeAndCollect(name)) {
            while (it.hasNext()) {
                Object o = it.next();
                if (o instanceof StreamSummary s) {
                    c.summaries.put(s.streamId, s);
                    if (progress != null) progress.update(s);
                } else {
                    c.deadLetters.add((DeadLetter) o);
                }
            }
        }
        return c;
    }
}
