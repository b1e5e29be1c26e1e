package dev.engram.vos.features;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The buffers made for the last few frame sizes, most recently used first. One operator instance
 * serves every stream keyed to it, and cameras of different sizes take turns frame by frame: keeping
 * one size only rebuilt megabytes of buffers (and re-pinned ONNX Runtime's) on every switch. Beyond
 * {@link #CAPACITY} sizes the least recently used is released. Not thread-safe.
 */
public final class KeptBySize<T> {
    /**
     * Sizes kept. Each kept size holds about 45 MB at 854×480 with the packaged backbone (feature rows
     * 17 MB, refinement 9 MB, OpenCV images and their read-out 11 MB, the rest a few MB; counted from
     * the arrays' sizes), so three is the heap an operator instance may spend on sizes taking turns.
     */
    public static final int CAPACITY = 3;

    private final List<T> entries = new ArrayList<>();
    private final Consumer<T> release;

    /** @param release called for an entry that is evicted or cleared (e.g. closing native memory) */
    public KeptBySize(Consumer<T> release) {
        this.release = release;
    }

    /** Buffers whose kind needs no release. */
    public KeptBySize() {
        this(t -> {});
    }

    /** The kept entry that {@code fits}, else a new one from {@code make} (kept, evicting the least recently used beyond capacity). */
    public T get(Predicate<T> fits, Supplier<T> make) {
        for (int i = 0; i < entries.size(); i++) {
            T e = entries.get(i);
            if (fits.test(e)) {
                if (i > 0) {
                    entries.remove(i);
                    entries.add(0, e);
                }
                return e;
            }
        }
        T e = make.get();
        entries.add(0, e);
        if (entries.size() > CAPACITY) release.accept(entries.remove(entries.size() - 1));
        return e;
    }

    /** How many sizes are kept. */
    public int size() {
        return entries.size();
    }

    /** Releases every entry. */
    public void clear() {
        for (T e : entries) release.accept(e);
        entries.clear();
    }
}
