/**
 * Serializers for per-stream operator state that writes itself in its own versioned layout: one
 * {@link dev.engram.operators.state.VersionedStateSerializer} per state type, and a matching
 * {@link dev.engram.operators.state.VersionedStateSerializerSnapshot} so savepoints survive upgrades.
 */
package dev.engram.operators.state;
