package dev.engram.connectors.source.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.connectors.source.split.SplitKind;
import dev.engram.connectors.source.split.StreamSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aCameraAddedToTheWatchedListJoinsOnTheNextLookAndNoneTwice() throws Exception {
        Path list = tmp.resolve("cameras.txt");
        Files.writeString(list, "# cameras of the loading dock\nrtsp://10.0.0.5:554/stream1#dock\n");
        CameraDiscovery d = new CameraDiscovery(List.of(CameraAddress.parse("camera:rtsp://user:secret@10.0.0.6/live#gate")), list, null, -1,
                Map.of(CameraOptions.ON_OVERLOAD.key(), "block"));
        Set<String> known = new HashSet<>();
        List<StreamSplit> first = d.discover(known);
        assertThat(first).extracting(StreamSplit::streamId).containsExactly("gate", "dock");
        assertThat(first).allSatisfy(s -> assertThat(s.kind()).isEqualTo(SplitKind.CAMERA));
        assertThat(first.get(0).parameter(CameraOptions.ON_OVERLOAD.key(), null)).isEqualTo("block");
        first.forEach(s -> known.add(s.streamId()));
        assertThat(d.discover(known)).isEmpty();

        Files.writeString(list, "http://10.0.0.7:8080/video.mjpg#yard\n", StandardOpenOption.APPEND);
        assertThat(d.discover(known)).extracting(StreamSplit::streamId).containsExactly("yard");
        assertThat(d.bounded()).isFalse();
    }

    @Test
    void addressesNameTheirStreamAndHideCredentials() {
        CameraAddress a = CameraAddress.parse("camera:rtsp://admin:pw@192.168.1.20:554/h264/ch1");
        assertThat(a.streamId()).isEqualTo("192.168.1.20-554-h264-ch1");
        assertThat(a.display()).isEqualTo("rtsp://192.168.1.20:554/h264/ch1").doesNotContain("pw");
        assertThat(CameraAddress.parse("rtsp://127.0.0.1:8554/cam#front").streamId()).isEqualTo("front");
        assertThatThrownBy(() -> CameraAddress.parse("camera:not a url")).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> new CameraDiscovery(List.of(), null, null, -1, Map.of("camera.no-such", "1"))).hasMessageContaining("camera.no-such");
    }
}
