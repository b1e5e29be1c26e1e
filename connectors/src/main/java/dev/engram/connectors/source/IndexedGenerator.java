package dev.engram.connectors.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Emits the elements of a fixed list by position, so a {@code DataGeneratorSource} over it restores
 * to exactly the next element after a checkpoint.
 */
final class IndexedGenerator<T> implements GeneratorFunction<Long, T> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<T> elements;

    IndexedGenerator(List<T> elements) {
        this.elements = new ArrayList<>(elements);
    }

    @Override
    public T map(Long index) {
        return elements.get(Math.toIntExact(index));
    }
}
