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
     * @return features per image row, pixel-major within the row: {@code out[y][x * dims() + k]}
     */
    default float[][] features(byte[] rgb, int width, int height) {
        return features(rgb, width, height, width, height);
    }

    /**
     * Features of an image of {@code width × height} (the frame at {@link #inputSide()}), sampled at
     * {@code outWidth × outHeight} (the working resolution).
     *
     * @return features per output row, pixel-major within the row: {@code out[y][x * dims() + k]} (rows
     *     rather than one array: a frame's features would be one allocation of many megabytes, which
     *     the G1 collector handles as a costly humongous object every frame)
     */
    default float[][] features(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        float[][] out = new float[outHeight][outWidth * dims()];
        writeFeatures(rgb, width, height, outWidth, outHeight, out, 0, dims());
        return out;
    }

    /**
     * Writes the features of {@link #features(byte[], int, int, int, int)} into rows the caller owns:
     * feature {@code k} of output pixel {@code (x, y)} to {@code out[y][x * stride + offset + k]},
     * overwriting those slots (and only those), so a working image receives them in place (no second
     * frame-sized array, no copy) and its rows can be reused from frame to frame without clearing.
     */
    void writeFeatures(byte[] rgb, int width, int height, int outWidth, int outHeight, float[][] out, int offset, int stride);

    /**
     * Longer side, in pixels, of the image this backbone wants to see; 0 = the working resolution.
     * A pretrained network's features carry detail only when objects are large enough in its input.
     */
    default int inputSide() {
        return 0;
    }

    /** A short name for reports (e.g. the model's file), so results say which features they used. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Releases native resources; the backbone must not be used afterwards. */
    @Override
    void close();
}
