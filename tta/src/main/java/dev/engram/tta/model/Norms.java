package dev.engram.tta.model;

import ai.djl.ndarray.NDArray;

/**
 * How a normalisation layer of {@link ResNetClassifier} normalises: with the source running
 * statistics, with the batch statistics, with whose affine parameters. The classifier calls
 * {@link #normalize} for each of its normalisation layers by name.
 */
@FunctionalInterface
public interface Norms {
    NDArray normalize(ResNetClassifier model, String layer, NDArray input);
}
