/**
 * Event-camera streams in Flink: {@link dev.engram.operators.events.EventChunk}s (struct-of-arrays
 * slices of a recording) run through a keyed liquid state machine
 * ({@link dev.engram.operators.events.EventReservoirFunction}) whose per-stream state is checkpointed
 * with a versioned serializer, and a trained readout turns the reservoir features into predictions.
 */
package dev.engram.operators.events;
