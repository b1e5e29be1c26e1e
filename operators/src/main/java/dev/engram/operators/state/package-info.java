/**
 * Serializers for per-stream operator state that writes itself in its own versioned layout: one
 * {@link dev.engram.operators.state.VersionedStateSerializer} per state type, and a matching
 * {@link dev.engram.operators.state.VersionedStateSerializerSnapshot} so a savepoint of a released state version restores and any other is refused by name.
 */
package dev.engram.operators.state;
