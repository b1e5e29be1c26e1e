/**
 * Measurement pieces shared by the benchmark mains in snn's tests and by {@code engram bench events}:
 * decode throughput per event format, reservoir encoding throughput, heap after GC. Plain Java, no
 * Flink; nothing here is used by the decoders or the reservoir themselves.
 */
package dev.engram.snn.bench;
