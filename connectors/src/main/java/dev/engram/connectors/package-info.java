/** Flink sources and sinks for frames, masks, events and summaries. */
package dev.engram.connectors;
