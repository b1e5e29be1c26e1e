package dev.engram.tta;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.engram.runtime.CpuKernels;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pins PyTorch's CPU thread pools once per JVM. One intra-op thread makes every reduction run in one
 * fixed order, so a seeded adaptation run is bit-for-bit repeatable (and the machine is shared).
 * Hands out gradient collectors one at a time per JVM ({@link #gradients()}).
 */
public final class TorchRuntime {
    private static volatile int configured = -1;
    /** DJL's PyTorch engine lets one gradient collector collect per JVM; several streams' operators share a TaskManager. */
    private static final ReentrantLock AUTOGRAD = new ReentrantLock();

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

    /**
     * A gradient collector, once no other thread of this JVM holds one: the caller's thread waits until
     * it is free (DJL fails a second concurrent collector). Close it on the thread that opened it.
     */
    public static GradientCollector gradients() {
        AUTOGRAD.lock();
        try {
            GradientCollector inner = Engine.getInstance().newGradientCollector();
            return new GradientCollector() {
                @Override
                public void backward(NDArray target) {
                    inner.backward(target);
                }

                @Override
                public void zeroGradients() {
                    inner.zeroGradients();
                }

                @Override
                public void close() {
                    try {
                        inner.close();
                    } finally {
                        AUTOGRAD.unlock();
                    }
                }
            };
        } catch (RuntimeException | Error e) {
            AUTOGRAD.unlock();
            throw e;
        }
    }
}
