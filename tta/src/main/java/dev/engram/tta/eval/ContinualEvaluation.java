package dev.engram.tta.eval;

import dev.engram.tta.AdaptationMemory;
import dev.engram.tta.Adapter;
import dev.engram.tta.Method;
import dev.engram.tta.adapt.CollapseGuard;
import dev.engram.tta.data.Corruption;
import dev.engram.tta.data.MnistDigits;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The continual protocol: the test digits pass through every corruption in order (cycles times),
 * each method sees the same batches in the same order and never resets between corruptions (only its
 * guard may reset it). Errors are fractions in 0..1.
 */
public final class ContinualEvaluation {
    /**
     * Errors per method: overall, per corruption (over all cycles), per cycle; peak memory; resets in
     * all and per cycle; the guard's signal extremes for methods behind a {@link CollapseGuard}.
     */
    public record Report(Map<Method, Double> error, Map<Method, Map<String, Double>> perCorruption,
            Map<Method, List<Double>> perCycle, Map<Method, AdaptationMemory> memory, Map<Method, Long> resets,
            Map<Method, List<Long>> resetsPerCycle, Map<Method, CollapseGuard.Signals> guardSignals,
            Map<Method, Long> trainableParameters, int batchSize, int digits, int severity, int cycles) {}

    private ContinualEvaluation() {}

    public static Report run(MnistDigits test, List<Adapter> adapters, int severity, int cycles, int batchSize, long seed,
            Consumer<String> progress) {
        int pixels = test.width() * test.height();
        Map<Method, long[]> wrongTotal = new EnumMap<>(Method.class);
        Map<Method, Map<String, long[]>> wrongPer = new EnumMap<>(Method.class);
        Map<Method, List<Double>> perCycle = new EnumMap<>(Method.class);
        Map<Method, AdaptationMemory> memory = new EnumMap<>(Method.class);
        Map<Method, List<Long>> resetsPerCycle = new EnumMap<>(Method.class);
        for (Adapter a : adapters) {
            resetsPerCycle.put(a.method(), new ArrayList<>());
            wrongTotal.put(a.method(), new long[1]);
            wrongPer.put(a.method(), new LinkedHashMap<>());
            perCycle.put(a.method(), new ArrayList<>());
            memory.put(a.method(), AdaptationMemory.NONE);
        }
        Map<Corruption, float[]> corrupted = new EnumMap<>(Corruption.class);
        long seen = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Map<Method, long[]> wrongCycle = new EnumMap<>(Method.class);
            Map<Method, long[]> resetsCycle = new EnumMap<>(Method.class);
            for (Adapter a : adapters) {
                wrongCycle.put(a.method(), new long[1]);
                resetsCycle.put(a.method(), new long[1]);
            }
            for (Corruption c : Corruption.values()) {
                float[] all = corrupted.computeIfAbsent(c, k -> {
                    float[] out = new float[test.size() * pixels];
                    for (int i = 0; i < test.size(); i++) {
                        System.arraycopy(k.apply(test.images()[i], test.width(), test.height(), severity, seed, i), 0, out,
                                i * pixels, pixels);
                    }
                    return out;
                });
                Map<Method, long[]> wrongHere = new EnumMap<>(Method.class);
                for (Adapter a : adapters) wrongHere.put(a.method(), new long[1]);
                for (int start = 0; start < test.size(); start += batchSize) {
                    int n = Math.min(batchSize, test.size() - start);
                    float[] batch = new float[n * pixels];
                    System.arraycopy(all, start * pixels, batch, 0, n * pixels);
                    for (Adapter a : adapters) {
                        Adapter.Step s = a.step(batch, n);
                        if (s.reset()) resetsCycle.get(a.method())[0]++;
                        long wrong = 0;
                        for (int i = 0; i < n; i++) if (s.predictions()[i] != test.labels()[start + i]) wrong++;
                        wrongHere.get(a.method())[0] += wrong;
                        if (n == batchSize) memory.put(a.method(), memory.get(a.method()).max(s.memory()));
                    }
                }
                seen += test.size();
                StringBuilder line = new StringBuilder("cycle " + (cycle + 1) + " " + c.id());
                for (Adapter a : adapters) {
                    long w = wrongHere.get(a.method())[0];
                    wrongCycle.get(a.method())[0] += w;
                    wrongTotal.get(a.method())[0] += w;
                    wrongPer.get(a.method()).computeIfAbsent(c.id(), k -> new long[1])[0] += w;
                    line.append(String.format(" %s=%.3f", a.method().id(), w / (double) test.size()));
                }
                if (progress != null) progress.accept(line.toString());
            }
            for (Adapter a : adapters) {
                perCycle.get(a.method()).add(wrongCycle.get(a.method())[0] / (double) (test.size() * Corruption.values().length));
                resetsPerCycle.get(a.method()).add(resetsCycle.get(a.method())[0]);
            }
        }
        Map<Method, Double> error = new EnumMap<>(Method.class);
        Map<Method, Map<String, Double>> per = new EnumMap<>(Method.class);
        Map<Method, Long> resets = new EnumMap<>(Method.class);
        Map<Method, Long> trainable = new EnumMap<>(Method.class);
        Map<Method, CollapseGuard.Signals> signals = new EnumMap<>(Method.class);
        for (Adapter a : adapters) {
            if (a instanceof CollapseGuard g) signals.put(a.method(), g.signals());
            error.put(a.method(), wrongTotal.get(a.method())[0] / (double) seen);
            Map<String, Double> m = new LinkedHashMap<>();
            for (var e : wrongPer.get(a.method()).entrySet()) m.put(e.getKey(), e.getValue()[0] / (double) (test.size() * cycles));
            per.put(a.method(), m);
            resets.put(a.method(), a instanceof CollapseGuard g ? g.resets() : 0L);
            trainable.put(a.method(), a.trainableParameterCount());
        }
        return new Report(error, per, perCycle, memory, resets, resetsPerCycle, signals, trainable, batchSize, test.size(),
                severity, cycles);
    }
}
