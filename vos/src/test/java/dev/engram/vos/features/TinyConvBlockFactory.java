package dev.engram.vos.features;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tiny convolutional backbone for tests: 3×3 conv (stride 2) to 8 channels, ReLU, 3×3 conv to 12
 * channels, so its feature map is half the working resolution and must be upsampled. Named by
 * {@code blockFactory=} in the saved model directory's {@code serving.properties}.
 */
public final class TinyConvBlockFactory implements BlockFactory {
    private static final long serialVersionUID = 1L;
    static final int CHANNELS = 12;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                        .setFilters(8).build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(CHANNELS).build());
    }
}
