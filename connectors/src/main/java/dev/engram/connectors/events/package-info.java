/**
 * Sources of event-camera recordings: files and folders in every format {@code dev.engram.snn.events}
 * decodes, as checkpointable streams of {@link dev.engram.operators.events.EventChunk}s.
 */
package dev.engram.connectors.events;
