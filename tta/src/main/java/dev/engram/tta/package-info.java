/**
 * Test-time adaptation of a frozen DJL/PyTorch classifier to drifting camera input: source-only,
 * TENT and EcoTTA behind one {@link dev.engram.tta.Adapter} interface, a collapse guard that resets
 * to the source state, and per-step memory measured from the arrays the engine holds.
 * Plain Java + DJL, no Flink.
 */
package dev.engram.tta;
