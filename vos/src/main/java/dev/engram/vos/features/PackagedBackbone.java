package dev.engram.vos.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the packaged backbone lives: the ImageNet MobileNetV2 from the npm package nsfwjs@4.4.0,
 * truncated after block_10 by {@code vos/fetch-backbone.sh} into Engram's cache folder
 * ({@code $ENGRAM_CACHE}, else {@code $XDG_CACHE_HOME/engram}, else {@code ~/.cache/engram}). Its
 * outputs are the stride-8 ({@code block_5_add}, 32 channels) and stride-16
 * ({@code block_10_project_BN}, 96 channels) maps. Nothing is downloaded at run time: when the
 * folder is absent, Engram runs weights-free and says so once per JVM.
 */
public final class PackagedBackbone {
    /** The value of {@code vos.backbone} that names this backbone. */
    public static final String NAME = "packaged";
    static final String FOLDER = "backbones/nsfwjs-4.4.0-mobilenet_v2-block_10";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PackagedBackbone() {}

    /** The cache folder the fetch script writes to. */
    public static Path location() {
        String cache = System.getProperty("engram.cache", System.getenv("ENGRAM_CACHE"));
        if (cache == null || cache.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("engram").resolve(FOLDER);
        }
        return Path.of(cache).resolve(FOLDER);
    }

    /** Whether the converted model is in the cache folder. */
    public static boolean present() {
        Path dir = location();
        return Files.isRegularFile(dir.resolve("model.json")) && Files.isRegularFile(dir.resolve("weights.bin"));
    }

    /** Prints, once per JVM, that the packaged backbone is absent and how to fetch it. */
    public static void warnAbsentOnce() {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("engram: packaged backbone not found at " + location() + "; running weights-free "
                    + "(built-in colour features only). Fetch it with vos/fetch-backbone.sh (needs npm and node).");
        }
    }
}
