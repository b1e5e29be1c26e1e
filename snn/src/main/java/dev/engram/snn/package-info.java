/** Event-camera streams: decoders, video-to-event emulation, LIF reservoir, readouts; plain Java, no Flink. */
package dev.engram.snn;
