package dev.engram.vos.features;

import dev.engram.vos.SegmenterResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.OnlineSegmenter;
import dev.engram.vos.VosOptions;
import dev.engram.vos.synthetic.SyntheticCamera;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user-supplied backbone through {@code vos.backbone}: a tiny conv network built with DJL's Block
 * API, saved as a DJL model directory and loaded back by {@link DjlBackbone}.
 */
class DjlBackboneTest {
    private static final SegmenterResources RESOURCES = new SegmenterResources();

    @AfterAll
    static void closeResources() {
        RESOURCES.close();
    }

    private static final int W = 160, H = 120;
    private static final SyntheticCamera CAMERA = new SyntheticCamera(7, W, H, 2);

    static Path temp;
    static Path modelDir;

    @BeforeAll
    static void saveTinyModel() throws IOException {
        Files.createDirectories(Path.of("target"));
        temp = Files.createTempDirectory(Path.of("target"), "djl-backbone-test-");
        modelDir = temp.resolve("tiny-conv");
        Files.createDirectories(modelDir);
        Engine.getEngine("PyTorch").setRandomSeed(11);
        try (Model model = Model.newInstance("model", "PyTorch")) {
            model.setBlock(new TinyConvBlockFactory().newBlock(model, modelDir, java.util.Map.of()));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
            model.save(modelDir, "model");
        }
        Files.writeString(modelDir.resolve("serving.properties"),
                "engine=PyTorch\noption.modelName=model\nblockFactory=" + TinyConvBlockFactory.class.getName() + "\n");
    }

    @AfterAll
    static void deleteTinyModel() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static VosOptions withBackbone() {
        return VosOptions.defaults().with(VosOptions.BACKBONE, modelDir.toString()).with(VosOptions.UPDATE_EVERY, 2);
    }

    @Test
    void backboneAddsItsDimsToTheWorkingImage() {
        try (DjlBackbone backbone = DjlBackbone.open(modelDir, DjlBackbone.DEFAULT_DIMS, 42)) {
            Frame frame = CAMERA.frame(0);
            WorkingImage plain = WorkingImage.of(frame, 428);
            WorkingImage img = WorkingImage.of(frame, 428, backbone);
            assertThat(img.dims).isEqualTo(WorkingImage.DIMS + DjlBackbone.DEFAULT_DIMS);
            assertThat(img.copyOfFeatures()).hasSize(W * H * img.dims);
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (int p = 0; p < W * H; p++) {
                for (int k = 0; k < WorkingImage.DIMS; k++) {
                    assertThat(img.feature(p, k)).isEqualTo(plain.feature(p, k));
                }
                for (int k = WorkingImage.DIMS; k < img.dims; k++) {
                    float v = img.feature(p, k);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            assertThat(min).isGreaterThanOrEqualTo(0f);
            assertThat(max).isLessThanOrEqualTo(1f);
            assertThat(max - min).as("backbone features vary over the image").isGreaterThan(0.05f);
            // Deterministic: the same image gives the same features.
            assertThat(WorkingImage.of(frame, 428, backbone).copyOfFeatures()).isEqualTo(img.copyOfFeatures());
        }
    }

    @Test
    void segmentsWithTheBackboneDeterministicallyAndAcrossRestore() throws IOException {
        List<Mask> a = new ArrayList<>(), b = new ArrayList<>();
        byte[] snapshot;
        {
            OnlineSegmenter first = new OnlineSegmenter(withBackbone());
            OnlineSegmenter second = new OnlineSegmenter(withBackbone());
            for (int i = 0; i < 6; i++) {
                a.add(first.segment(CAMERA.frame(i), RESOURCES));
                b.add(second.segment(CAMERA.frame(i), RESOURCES));
            }
            snapshot = state(first);
            for (int i = 6; i < 8; i++) a.add(first.segment(CAMERA.frame(i), RESOURCES));
            assertThat(first.stats().bankEntries()).isGreaterThan(2);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(b.get(i).ids).as("mask of frame %d", i).isEqualTo(a.get(i).ids);
            Mask truth = CAMERA.groundTruth(i);
            for (int id : new int[] {1, 2}) {
                if (truth.count(id) > 200) {
                    assertThat(a.get(i).count(id)).as("object %d in frame %d", id, i).isGreaterThan(truth.count(id) / 2);
                }
            }
        }
        // A restored learner meets a fresh backbone (loaded from the path in its options) and continues identically.
        OnlineSegmenter restored = OnlineSegmenter.readState(new DataInputStream(new ByteArrayInputStream(snapshot)));
        try (SegmenterResources fresh = new SegmenterResources()) {
            for (int i = 6; i < 8; i++) {
                assertThat(restored.segment(CAMERA.frame(i), fresh).ids).as("mask of frame %d after restore", i)
                        .isEqualTo(a.get(i).ids);
            }
        }
    }

    /** A TorchScript file (two seeded random convolutions, written by {@code make_tiny_conv.py} with PyTorch). */
    @Test
    void torchScriptFileIsLoadedAndSegments() throws Exception {
        Path pt = Path.of(DjlBackboneTest.class.getResource("/backbone/tiny-conv.pt").toURI());
        Frame frame = CAMERA.frame(0);
        try (DjlBackbone backbone = DjlBackbone.open(pt, DjlBackbone.DEFAULT_DIMS, 42)) {
            WorkingImage img = WorkingImage.of(frame, 428, backbone);
            assertThat(img.dims).isEqualTo(WorkingImage.DIMS + DjlBackbone.DEFAULT_DIMS);
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (int p = 0; p < W * H; p++) {
                for (int k = WorkingImage.DIMS; k < img.dims; k++) {
                    min = Math.min(min, img.feature(p, k));
                    max = Math.max(max, img.feature(p, k));
                }
            }
            assertThat(max - min).as("TorchScript features vary over the image").isGreaterThan(0.05f);
            assertThat(WorkingImage.of(frame, 428, backbone).copyOfFeatures()).isEqualTo(img.copyOfFeatures());
        }
        {
            OnlineSegmenter s = new OnlineSegmenter(VosOptions.defaults().with(VosOptions.BACKBONE, pt.toString()));
            for (int i = 0; i < 4; i++) {
                Mask m = s.segment(CAMERA.frame(i), RESOURCES);
                Mask truth = CAMERA.groundTruth(i);
                for (int id : new int[] {1, 2}) {
                    if (truth.count(id) > 200) assertThat(m.count(id)).as("object %d in frame %d", id, i).isGreaterThan(truth.count(id) / 2);
                }
            }
        }
    }

    @Test
    void missingModelGivesAnErrorNamingThePath() {
        Path missing = temp.resolve("no-such-model");
        OnlineSegmenter s = new OnlineSegmenter(VosOptions.defaults().with(VosOptions.BACKBONE, missing.toString()));
        assertThatThrownBy(() -> s.segment(CAMERA.frame(0), RESOURCES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vos.backbone")
                .hasMessageContaining(missing.toAbsolutePath().normalize().toString());
    }

    @Test
    void unloadableModelGivesAnErrorNamingThePath() throws IOException {
        Path junk = temp.resolve("junk.pt");
        Files.writeString(junk, "not a model");
        assertThatThrownBy(() -> DjlBackbone.open(junk, DjlBackbone.DEFAULT_DIMS, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load")
                .hasMessageContaining(junk.toAbsolutePath().normalize().toString());
    }

    private static byte[] state(OnlineSegmenter s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeState(out);
        }
        return bytes.toByteArray();
    }
}
