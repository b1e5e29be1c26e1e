package dev.engram.connectors.source.frames;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCameraCursorTest {
    private static StreamSplit camera(String extra) throws Exception {
        List<StreamSplit> splits = FrameDiscovery.synthetic("cam", 1, 7, 64, 48, 1, 3, 0).discover(new HashSet<>());
        return splits.get(0).withParameters(splits.get(0).parameters() + extra);
    }

    @Test
    void framesCarryTheirGroundTruthUnlessTheCameraIsToldToActLive() throws Exception {
        try (SplitCursor<LabeledFrame> scored = new FrameFormat().open(camera(""));
                SplitCursor<LabeledFrame> live = new FrameFormat().open(camera(";truth=none"))) {
            for (int i = 0; i < 3; i++) {
                InputRecord<LabeledFrame> a = scored.next(), b = live.next();
                assertThat(a.value.groundTruth).as("frame %d with truth", i).isNotNull();
                assertThat(b.value.groundTruth).as("frame %d without", i).isNull();
                assertThat(b.value.frame.rgb).isEqualTo(a.value.frame.rgb);
                // the first frame's annotation starts the learner either way
                assertThat(b.value.frame.annotation != null).isEqualTo(i == 0);
            }
        }
    }
}
