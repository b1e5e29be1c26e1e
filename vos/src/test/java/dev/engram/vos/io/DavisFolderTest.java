package dev.engram.vos.io;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DavisFolderTest {
    @TempDir(factory = CreatingTempDirFactory.class)
    Path root;

    private static void touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
    }

    @Test
    void discoversFlatLayoutWithPartialMasks() throws IOException {
        for (String s : new String[] {"00000", "00001", "00002"}) touch(root.resolve("b/frames/" + s + ".jpg"));
        touch(root.resolve("b/masks/00000.png"));
        touch(root.resolve("b/masks/00002.png"));
        touch(root.resolve("a/frames/00000.jpg"));
        touch(root.resolve("a/masks/00000.png"));
        Files.createDirectories(root.resolve("notes"));
        List<DavisSequence> seqs = DavisFolder.discover(root);
        assertThat(seqs).extracting(DavisSequence::name).containsExactly("a", "b");
        DavisSequence b = seqs.get(1);
        assertThat(b.frames()).extracting(p -> p.getFileName().toString()).containsExactly("00000.jpg", "00001.jpg", "00002.jpg");
        assertThat(b.maskPath(1)).isNull();
        assertThat(b.maskPath(2)).isEqualTo(root.resolve("b/masks/00002.png"));
        assertThat(b.firstMask()).isEqualTo(root.resolve("b/masks/00000.png"));
    }

    @Test
    void discoversDavisLayout() throws IOException {
        touch(root.resolve("JPEGImages/480p/cows/00000.jpg"));
        touch(root.resolve("JPEGImages/480p/cows/00001.jpg"));
        touch(root.resolve("Annotations/480p/cows/00000.png"));
        List<DavisSequence> seqs = DavisFolder.discover(root);
        assertThat(seqs).hasSize(1);
        assertThat(seqs.get(0).name()).isEqualTo("cows");
        assertThat(seqs.get(0).size()).isEqualTo(2);
        assertThat(seqs.get(0).masksByStem()).containsOnlyKeys("00000");
    }

    @Test
    void sequenceFolderItselfIsAccepted() throws IOException {
        touch(root.resolve("seq/frames/00000.jpg"));
        touch(root.resolve("seq/masks/00000.png"));
        assertThat(DavisFolder.discover(root.resolve("seq"))).extracting(DavisSequence::name).containsExactly("seq");
    }

    @Test
    void sequenceWithoutFramesIsAnErrorNamingTheFolder() throws IOException {
        Files.createDirectories(root.resolve("empty/frames"));
        assertThatThrownBy(() -> DavisFolder.discover(root))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(root.resolve("empty/frames").toString())
                .hasMessageContaining("no frames");
    }

    @Test
    void firstFrameWithoutMaskIsAnErrorNamingTheFolder() throws IOException {
        touch(root.resolve("s/frames/00000.jpg"));
        touch(root.resolve("s/frames/00001.jpg"));
        touch(root.resolve("s/masks/00001.png"));
        assertThatThrownBy(() -> DavisFolder.discover(root))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(root.resolve("s/masks").toString())
                .hasMessageContaining("00000");
    }

    @Test
    void rootWithoutSequencesIsAnError() {
        assertThatThrownBy(() -> DavisFolder.discover(root)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(root.toString());
    }

    @Test
    void discoversSharedData() {
        List<DavisSequence> seqs = DavisFolder.discover(SharedData.vos());
        assertThat(seqs).extracting(DavisSequence::name).contains("blackswan", "bear", "judo-cutie-demo");
        DavisSequence judo = DavisFolder.open(SharedData.vos(), "judo-cutie-demo");
        assertThat(judo.size()).isEqualTo(16);
        assertThat(judo.masksByStem()).containsOnlyKeys("00000", "00005", "00008", "00013");
        DavisSequence swan = DavisFolder.open(SharedData.vos(), "blackswan");
        assertThat(swan.size()).isEqualTo(50);
        Frame first = swan.readAnnotatedFirstFrame("swan");
        assertThat(first.annotation).isNotNull();
        assertThat(first.annotation.objectIds()).containsExactly(1);
        Mask m = swan.readMask(49, first.width, first.height);
        assertThat(m.count(1)).isPositive();
    }
}
