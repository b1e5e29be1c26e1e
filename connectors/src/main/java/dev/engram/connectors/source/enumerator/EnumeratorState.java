package dev.engram.connectors.source.enumerator;

import dev.engram.connectors.source.split.StreamSplit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the enumerator checkpoints: splits discovered but not yet handed to their reader (each with
 * the subtask it is meant for), the ids of every stream discovered so far (so a continuous discovery
 * never hands a stream out twice), whether a bounded discovery has run, and the round-robin counter.
 */
public final class EnumeratorState {
    /** A split waiting for its reader. */
    public record Pending(int owner, StreamSplit split) {}

    final List<Pending> pending;
    final Set<String> known;
    final boolean discovered;
    final long assigned;

    public EnumeratorState(List<Pending> pending, Set<String> known, boolean discovered, long assigned) {
        this.pending = new ArrayList<>(pending);
        this.known = new LinkedHashSet<>(known);
        this.discovered = discovered;
        this.assigned = assigned;
    }

    public static EnumeratorState empty() {
        return new EnumeratorState(List.of(), Set.of(), false, 0);
    }

    public List<Pending> pending() { return List.copyOf(pending); }
    public Set<String> known() { return Set.copyOf(known); }
    public boolean discovered() { return discovered; }
    public long assigned() { return assigned; }
}
