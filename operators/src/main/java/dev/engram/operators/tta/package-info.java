/** Keyed Flink operators that adapt a frozen classifier per camera stream at test time (EcoTTA + guard). */
package dev.engram.operators.tta;
