package dev.engram.snn.bench;

/** Heap in use after garbage collection, for memory-per-stream figures. */
public final class HeapAfterGc {
    private HeapAfterGc() {}

    /** The least used heap seen over three {@code System.gc()} calls 100 ms apart, in bytes. */
    public static long usedBytes() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
