/** N-MNIST evaluation behind {@code engram events eval}: {@link dev.engram.snn.eval.NmnistEvaluation}. */
package dev.engram.snn.eval;
