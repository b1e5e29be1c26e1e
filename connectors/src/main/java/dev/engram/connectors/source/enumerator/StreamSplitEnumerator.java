package dev.engram.connectors.source.enumerator;

import dev.engram.connectors.source.split.StreamSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers a source's streams inside the job and hands each to one reader, round robin in discovery
 * order (stream {@code k} goes to subtask {@code k mod parallelism}). Splits are pushed to their
 * reader as soon as it registers; a reader that fails gets its splits back, at the positions of the
 * last checkpoint, when it registers again. A bounded source tells each reader that no more splits
 * will come once everything it owns has been handed over; a continuous one keeps discovering every
 * {@link SplitDiscovery#interval()} and never ends.
 *
 * <p>Failure behaviour: a bounded discovery that cannot list its location fails the job (with the
 * discovery's message); a continuous one logs the failure and tries again at the next interval.
 */
public final class StreamSplitEnumerator implements SplitEnumerator<StreamSplit, EnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSplitEnumerator.class);

    private final SplitEnumeratorContext<StreamSplit> context;
    private final SplitDiscovery discovery;
    private final List<EnumeratorState.Pending> pending;
    private final Set<String> known;
    private final Set<Integer> toldNoMore = new HashSet<>();
    private volatile Set<String> knownView;
    private boolean discovered;
    private long assigned;

    public StreamSplitEnumerator(SplitEnumeratorContext<StreamSplit> context, SplitDiscovery discovery, EnumeratorState state) {
        this.context = context;
        this.discovery = discovery;
        this.pending = new ArrayList<>(state.pending);
        this.known = new LinkedHashSet<>(state.known);
        this.knownView = Set.copyOf(known);
        this.discovered = state.discovered;
        this.assigned = state.assigned;
    }

    @Override
    public void start() {
        if (discovery.bounded()) {
            if (!discovered) context.callAsync(() -> discovery.discover(knownView), this::onDiscovered);
        } else {
            long every = Math.max(1, discovery.interval().toMillis());
            context.callAsync(() -> discovery.discover(knownView), this::onDiscovered, 0, every);
        }
    }

    private void onDiscovered(List<StreamSplit> found, Throwable error) {
        if (error != null) {
            if (discovery.bounded()) throw new FlinkRuntimeException("cannot discover the source's streams: " + error.getMessage(), error);
            LOG.warn("Discovery failed, trying again in {}: {}", discovery.interval(), error.toString());
            return;
        }
        int parallelism = context.currentParallelism();
        for (StreamSplit s : found) {
            if (!known.add(s.splitId())) continue;
            pending.add(new EnumeratorState.Pending((int) (assigned++ % parallelism), s));
        }
        knownView = Set.copyOf(known);
        if (discovery.bounded()) discovered = true;
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        Set<Integer> readers = context.registeredReaders().keySet();
        Map<Integer, List<StreamSplit>> now = new HashMap<>();
        for (Iterator<EnumeratorState.Pending> it = pending.iterator(); it.hasNext(); ) {
            EnumeratorState.Pending p = it.next();
            int owner = p.owner() % parallelism; // a restore may have lowered the parallelism
            if (readers.contains(owner)) {
                now.computeIfAbsent(owner, k -> new ArrayList<>()).add(p.split());
                it.remove();
            }
        }
        if (!now.isEmpty()) context.assignSplits(new SplitsAssignment<>(now));
        if (discovery.bounded() && discovered) {
            for (int reader : readers) {
                boolean waiting = pending.stream().anyMatch(p -> p.owner() % parallelism == reader);
                if (!waiting && toldNoMore.add(reader)) context.signalNoMoreSplits(reader);
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when readers register; nothing is pulled.
    }

    @Override
    public void addSplitsBack(List<StreamSplit> splits, int subtaskId) {
        for (StreamSplit s : splits) pending.add(new EnumeratorState.Pending(subtaskId, s));
        toldNoMore.remove(subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        toldNoMore.remove(subtaskId);
        assignPending();
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        return new EnumeratorState(pending, known, discovered, assigned);
    }

    @Override
    public void close() {}
}
