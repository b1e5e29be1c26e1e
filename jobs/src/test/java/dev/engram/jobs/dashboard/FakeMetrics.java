package dev.engram.jobs.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A metric source the test sets by hand: stream → values; {@link #failing} makes reads fail. */
final class FakeMetrics implements MetricSource {
    final Map<String, Map<String, Double>> streams = new LinkedHashMap<>();
    volatile String failing;

    synchronized FakeMetrics set(String stream, String name, double value) {
        streams.computeIfAbsent(stream, s -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    @Override
    public synchronized List<StreamReading> read() throws IOException {
        if (failing != null) throw new IOException(failing);
        List<StreamReading> out = new ArrayList<>();
        streams.forEach((s, v) -> out.add(new StreamReading(s, StreamReading.kindOf(v), new LinkedHashMap<>(v))));
        return out;
    }

    @Override
    public String describe() {
        return "a test";
    }
}
