package dev.engram.operators;

import org.apache.flink.util.OutputTag;

/** The side output every Engram operator sends its {@link DeadLetter}s to. */
public final class DeadLetters {
    /** One tag for the whole job, so dead letters of all steps can be unioned and written once. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {};

    private DeadLetters() {}
}
