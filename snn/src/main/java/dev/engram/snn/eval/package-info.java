/**
 * Evaluations behind {@code engram events eval} and {@code engram events zeroshot}: labelled recordings
 * ({@link dev.engram.snn.eval.LabelledSamples}), reservoir-versus-baseline cross-validation
 * ({@link dev.engram.snn.eval.EventEvaluation}) and training augmentation.
 */
package dev.engram.snn.eval;
