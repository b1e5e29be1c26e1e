package dev.engram.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Pins the instruction set of the native math libraries inside libtorch for this process: oneDNN to
 * AVX (no FMA) and PyTorch's ATen kernels to AVX2, unless the user chose them through the environment.
 *
 * <p>Why: on an AMD Zen 5 machine (measured here, libtorch 2.7.1) oneDNN's AVX-512 and AVX2 kernels
 * returned NaN or changing values for the same convolution and batch-norm inputs: the TTA tests failed
 * in every run (a source model trained to chance, gradients of NaN), and passed in every run with
 * oneDNN capped at AVX or SSE4.1. One fixed instruction set also keeps floating-point results the same
 * on TaskManagers with different CPUs, so a stream restored on another machine goes on bit-exactly.
 * The libraries read these variables when they first dispatch, so {@link #pin()} must run before the
 * first tensor operation of the process (every entry point into PyTorch calls it).
 */
public final class CpuKernels {
    /** oneDNN's cap (older releases read the DNNL_ name). */
    static final String ONEDNN = "ONEDNN_MAX_CPU_ISA";
    static final String DNNL = "DNNL_MAX_CPU_ISA";
    /** ATen's kernel choice. */
    static final String ATEN = "ATEN_CPU_CAPABILITY";

    private static volatile boolean pinned;

    private CpuKernels() {}

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** Sets the caps in the process environment (idempotent; values the user set are kept). */
    public static synchronized void pin() {
        if (pinned) return;
        LibC c = Native.load("c", LibC.class);
        if (c.getenv(ONEDNN) == null && c.getenv(DNNL) == null) c.setenv(ONEDNN, "AVX", 0);
        c.setenv(ATEN, "avx2", 0);
        pinned = true;
    }

    /** The value native code sees for {@code name} (the JVM's own {@code System.getenv} is a copy taken at start). */
    public static String nativeEnv(String name) {
        return Native.load("c", LibC.class).getenv(name);
    }
}
