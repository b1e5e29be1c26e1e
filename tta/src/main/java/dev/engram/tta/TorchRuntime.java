package dev.engram.tta;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.engram.runtime.CpuKernels;

/**
 * Pins PyTorch's CPU thread pools once per JVM. One intra-op thread makes every reduction run in one
 * fixed order, so a seeded adaptation run is bit-for-bit repeatable (and the machine is shared).
 */
public final class TorchRuntime {
    private static volatile int configured = -1;

    private TorchRuntime() {}

    /** Starts the PyTorch engine with {@code threads} intra-op threads (idempotent for the same count). */
    public static synchronized Engine start(int threads) {
        CpuKernels.pin();
        Engine engine = Engine.getEngine("PyTorch");
        if (configured != threads) {
            JniUtils.setNumThreads(threads);
            if (configured < 0) {
                try {
                    JniUtils.setNumInteropThreads(1);
                } catch (RuntimeException e) {
                    // Already fixed by earlier native work in this JVM; intra-op threads decide reduction order.
                }
            }
            configured = threads;
        }
        return engine;
    }
}
