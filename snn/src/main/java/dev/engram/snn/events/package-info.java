/**
 * Streaming decoders of event-camera recordings (N-MNIST, Prophesee EVT 2.0/3.0 and DAT, AEDAT 4,
 * Event Stream, text) into reusable struct-of-arrays {@link dev.engram.snn.events.EventBatch}es, format
 * detection and one-pass statistics. Entry point: {@link dev.engram.snn.events.EventDecoder#open}.
 */
package dev.engram.snn.events;
