package dev.engram.connectors.source.enumerator;

import dev.engram.connectors.source.split.StreamSplit;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Finds the streams of a source, inside the job (on the enumerator), never on the client. A bounded
 * discovery finds every stream on its first call; a continuous one is asked again every
 * {@link #interval()} and returns only streams it has not returned before.
 */
public interface SplitDiscovery extends Serializable {
    /**
     * The streams found now whose ids are not in {@code known}, in a stable order.
     *
     * @throws IOException when the location cannot be listed at all (the job fails and restarts);
     *     an unreadable single file is not an error here: its reader turns it into a dead letter
     */
    List<StreamSplit> discover(Set<String> known) throws IOException;

    /** Whether the first call finds every stream the source will ever have. */
    boolean bounded();

    /** How often a continuous discovery looks again; unused when bounded. */
    default Duration interval() {
        return Duration.ofSeconds(2);
    }
}
