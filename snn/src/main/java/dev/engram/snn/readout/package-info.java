/**
 * Trainable readouts on reservoir features: ridge and logistic classifiers, a contrastive projection
 * head with zero-shot prototype classification, stratified cross-validation, versioned serialization.
 */
package dev.engram.snn.readout;
