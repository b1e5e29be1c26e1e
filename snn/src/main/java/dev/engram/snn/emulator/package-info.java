/**
 * Video-to-events emulation after v2e ({@link dev.engram.snn.emulator.EventEmulator}), the MNIST IDX
 * reader and N-MNIST-like saccade recordings of still images ({@link dev.engram.snn.emulator.SaccadeGenerator}).
 */
package dev.engram.snn.emulator;
