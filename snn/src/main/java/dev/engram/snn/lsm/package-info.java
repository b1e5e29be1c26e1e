/**
 * The liquid state machine: a fixed seeded LIF reservoir ({@link dev.engram.snn.lsm.LifReservoir}), its
 * event-driven per-stream state ({@link dev.engram.snn.lsm.ReservoirState}) and sample features
 * ({@link dev.engram.snn.lsm.ReservoirFeatures}, baseline {@link dev.engram.snn.lsm.BinnedCountFeatures}).
 */
package dev.engram.snn.lsm;
