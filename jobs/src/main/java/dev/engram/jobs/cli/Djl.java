package dev.engram.jobs.cli;

/** DJL settings of the commands that run PyTorch models (TTA, a VOS backbone). */
final class Djl {
    private Djl() {}

    /**
     * DJL unpacks the bundled PyTorch natives into its cache (under {@code target/} unless
     * {@code DJL_CACHE_DIR} is set) and must never try to download anything.
     */
    static void offline() {
        if (System.getProperty("DJL_CACHE_DIR") == null) System.setProperty("DJL_CACHE_DIR", "target/djl-cache");
        System.setProperty("ai.djl.offline", "true");
    }
}
