package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aWriterThatFailsLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path file = tmp.resolve("models/m.bin");
        StateFiles.writeAtomically(file, out -> out.writeInt(7));
        assertThatThrownBy(() -> StateFiles.writeAtomically(file, out -> {
            out.writeInt(8);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        int kept = StateFiles.fromBytes(Files.readAllBytes(file), in -> in.readInt());
        assertThat(kept).isEqualTo(7);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        StateFiles.writeAtomically(file, out -> out.writeInt(9));
        int replaced = StateFiles.fromBytes(Files.readAllBytes(file), in -> in.readInt());
        assertThat(replaced).isEqualTo(9);
    }

    @Test
    void bytesRoundTrip() throws IOException {
        byte[] b = StateFiles.toBytes(out -> out.writeUTF("state"));
        String read = StateFiles.fromBytes(b, in -> in.readUTF());
        assertThat(read).isEqualTo("state");
    }
}
