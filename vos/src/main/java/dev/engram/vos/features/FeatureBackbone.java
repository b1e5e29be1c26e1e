package dev.engram.vos.features;

/**
 * A source of extra per-pixel appearance features, appended by {@link WorkingImage} after its
 * built-in planes. It sees the frame at working resolution and returns a fixed number of features
 * per working pixel, so the target model's input has {@code WorkingImage.DIMS + dims()} dimensions.
 * The built-in features need no backbone; {@link DjlBackbone} runs a user-supplied DJL model.
 *
 * <p>Implementations must be deterministic (same image, same features) so that same input and seed
 * still give identical masks, also after a restore that reopens the backbone.
 */
public interface FeatureBackbone extends AutoCloseable {
    /** Features per pixel; fixed for the backbone's lifetime. */
    int dims();

    /**
     * Features of a working-resolution image.
     *
     * @param rgb interleaved 8-bit R, G, B, row-major, {@code width * height * 3} bytes
     * @return pixel-major features, {@code out[p * dims() + k]}, roughly in 0..1 like the built-in ones
     */
    float[] features(byte[] rgb, int width, int height);

    /** Releases native resources; the backbone must not be used afterwards. */
    @Override
    void close();
}
