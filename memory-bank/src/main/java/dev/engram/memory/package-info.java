/** Bounded memories with byte budgets, selection policies and state codecs; plain Java, no Flink. */
package dev.engram.memory;
