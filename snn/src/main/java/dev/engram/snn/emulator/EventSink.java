package dev.engram.snn.emulator;

/** Receives emulated events one at a time, in non-decreasing time order. */
@FunctionalInterface
public interface EventSink {
    void event(int x, int y, boolean on, long tUs);
}
