package dev.engram.connectors.source.camera;

import dev.engram.operators.SourceHealth;

/** A cursor over a live source that can say how it is doing; the source reader exports it as per-stream metrics. */
public interface HealthReporting {
    SourceHealth health();
}
