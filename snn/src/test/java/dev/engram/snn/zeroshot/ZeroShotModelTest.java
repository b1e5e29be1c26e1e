package dev.engram.snn.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotModelTest {
    @TempDir
    Path tmp;

    static ZeroShotModel model() {
        var vl = LsmOptions.defaults().with(LsmOptions.NEURONS, 20);
        var al = LsmOptions.defaults().with(LsmOptions.NEURONS, 10).with(LsmOptions.INPUT_POOL, 1).with(LsmOptions.FEATURE_BINS, 6);
        SplittableRandom rnd = new SplittableRandom(1);
        float[][] xv = new float[5][LifReservoir.featureDimension(vl, 34, 34)], xa = new float[5][LifReservoir.featureDimension(al, 64, 1)];
        for (float[] r : xv) for (int j = 0; j < r.length; j++) r[j] = rnd.nextInt(4);
        for (float[] r : xa) for (int j = 0; j < r.length; j++) r[j] = rnd.nextInt(4);
        CrossModalHeads h = new CrossModalHeads(ProjectionHead.init(Standardizer.fit(xa), 4, 3, rnd), ProjectionHead.init(Standardizer.fit(xv), 0, 3, rnd));
        double[][] va = {null, {1, 0, 0}, {0, 1, 0}}, aa = {{0, 0, 1}, null, {0, 1, 0}};
        return new ZeroShotModel(new ZeroShotModel.Side(vl, 34, 34), new ZeroShotModel.Side(al, 64, 1), h, va, aa);
    }

    @Test
    void savedModelReadsBackAndPredictsAlike() throws IOException {
        ZeroShotModel m = model();
        Path f = tmp.resolve("zs.model");
        m.save(f);
        ZeroShotModel back = ZeroShotModel.load(f);
        assertThat(back.toBytes()).isEqualTo(m.toBytes());
        assertThat(back.vision().lsm()).isEqualTo(m.vision().lsm());
        assertThat(back.audio().width()).isEqualTo(64);
        double[] e = {0.6, 0.8, 0};
        assertThat(back.scoresForAudio(e)).containsExactly(Double.NaN, 0.6, 0.8);
        assertThat(ZeroShotModel.argmax(back.scoresForAudio(e))).isEqualTo(2);
        assertThat(ZeroShotModel.argmax(back.scoresForVision(new double[] {0, 0, 1}))).isZero();
    }

    @Test
    void anchorsAreNormalisedClassMeans() {
        double[][] a = ZeroShotModel.anchors(new double[][] {{1, 0}, {0, 1}, {3, 4}}, new int[] {0, 0, 2}, 4);
        assertThat(a[0][0]).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a[1]).isNull();
        assertThat(a[2]).containsExactly(0.6, 0.8);
        assertThat(a[3]).isNull();
    }

    @Test
    void damagedOrForeignFilesAreRefusedNamingTheFile() throws IOException {
        Path f = tmp.resolve("bad.model");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> ZeroShotModel.load(f)).isInstanceOf(IOException.class).hasMessageContaining("bad.model")
                .hasMessageContaining("not an Engram zero-shot model");
        byte[] good = model().toBytes();
        Path cut = tmp.resolve("cut.model");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> ZeroShotModel.load(cut)).isInstanceOf(IOException.class).hasMessageContaining("cut.model");
        assertThatThrownBy(() -> ZeroShotModel.load(tmp.resolve("none"))).hasMessageContaining("no such model file");
    }
}
