/** Flink keyed operators that hold one learner per stream in checkpointed state. */
package dev.engram.operators;
