package dev.engram.connectors.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.connectors.wire.WireRecord.Encoding;
import dev.engram.connectors.wire.WireRecord.Kind;
import dev.engram.operators.events.EventChunk;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static WireRecord sample() {
        return new WireRecord(Kind.FRAME, "cam-ü", 42).captured(1_700_000_000_123_456L).metadata("{\"label\":3}")
                .payload(Encoding.RGB8, 2, 1, new byte[] {1, 2, 3, 4, 5, 6});
    }

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        WireRecord back = WireFormat.decode(WireFormat.encode(sample()));
        assertThat(back).usingRecursiveComparison().isEqualTo(sample());
    }

    @Test
    void theLayoutIsTheOneTheReadmeDocuments() {
        byte[] b = WireFormat.encode(sample());
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("EGRM");
        assertThat(b[4]).isEqualTo((byte) 1);
        assertThat(b[5]).isEqualTo((byte) 1);
        assertThat(b[6]).isEqualTo((byte) 3);
        assertThat(buf.getLong(8)).isEqualTo(42);
        assertThat(buf.getLong(16)).isEqualTo(1_700_000_000_123_456L);
        assertThat(buf.getInt(24)).isEqualTo(2);
        assertThat(buf.getInt(28)).isEqualTo(1);
        int s = buf.getShort(32);
        assertThat(new String(b, 34, s, StandardCharsets.UTF_8)).isEqualTo("cam-ü");
        int m = buf.getInt(34 + s);
        assertThat(new String(b, 38 + s, m, StandardCharsets.UTF_8)).isEqualTo("{\"label\":3}");
        assertThat(buf.getInt(38 + s + m)).isEqualTo(6);
        assertThat(b).hasSize(42 + s + m + 6);
    }

    @Test
    void anUnknownVersionIsRefusedNamingIt() {
        byte[] b = WireFormat.encode(sample());
        b[4] = 2;
        assertThatThrownBy(() -> WireFormat.decode(b)).isInstanceOf(WireFormatException.class)
                .hasMessage("unsupported wire-format version 2 (this build reads version 1)");
    }

    @Test
    void malformedRecordsAreRefusedWithAReason() {
        byte[] good = WireFormat.encode(sample());
        assertThatThrownBy(() -> WireFormat.decode(Arrays.copyOf(good, good.length - 1))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> WireFormat.decode(Arrays.copyOf(good, good.length + 3))).hasMessageContaining("3 bytes after the payload");
        assertThatThrownBy(() -> WireFormat.decode("hello".getBytes())).hasMessageContaining("truncated");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> WireFormat.decode(magic)).hasMessageContaining("not an Engram record");
        byte[] kind = good.clone();
        kind[5] = 99;
        assertThatThrownBy(() -> WireFormat.decode(kind)).hasMessage("unknown record kind 99");
        WireRecord wrongSize = sample().payload(Encoding.RGB8, 3, 1, new byte[6]);
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(wrongSize))).hasMessageContaining("RGB8 payload of 6 bytes for 3x1");
        WireRecord badMeta = sample().metadata("[1,2]");
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(badMeta))).hasMessageContaining("not an object");
    }

    @Test
    void eventsRoundTripAndBadBatchesAreRefused() throws Exception {
        int[] x = {0, 3, 127}, y = {0, 5, 95};
        byte[] p = {1, 0, 1};
        long[] t = {10, 10, 25};
        WireRecord r = EventRecords.events("ev", 7, 128, 96, x, y, p, t, 3);
        EventChunk c = EventRecords.toChunk(WireFormat.decode(WireFormat.encode(r)), "test");
        assertThat(c.x).containsExactly(x);
        assertThat(c.y).containsExactly(y);
        assertThat(c.polarity).containsExactly(p);
        assertThat(c.tUs).containsExactly(t);
        assertThat(c.chunk).isEqualTo(7);

        WireRecord truncated = EventRecords.events("ev", 7, 128, 96, x, y, p, t, 3);
        truncated.payload = Arrays.copyOf(truncated.payload, truncated.payload.length - 8);
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(truncated))).hasMessageContaining("does not hold 3 events");
        WireRecord outside = EventRecords.events("ev", 7, 100, 96, x, y, p, t, 3);
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(outside))).hasMessageContaining("x 127 outside");
        WireRecord backwards = EventRecords.events("ev", 7, 128, 96, x, y, p, new long[] {10, 9, 25}, 3);
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(backwards))).hasMessageContaining("before the previous");
    }

    @Test
    void framesAndMasksRoundTripInEveryEncoding() throws Exception {
        byte[] rgb = new byte[16 * 8 * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (i * 7);
        Frame f = new Frame("cam", 3, 16, 8, rgb);
        f.timestampMs = 1234;
        Frame raw = FrameRecords.toFrame(WireFormat.decode(WireFormat.encode(FrameRecords.frame(f, Encoding.RGB8))), "t");
        assertThat(raw.rgb).isEqualTo(rgb);
        assertThat(raw.timestampMs).isEqualTo(1234);
        assertThat(FrameRecords.toFrame(WireFormat.decode(WireFormat.encode(FrameRecords.frame(f, Encoding.PNG))), "t").rgb).isEqualTo(rgb);
        Frame jpeg = FrameRecords.toFrame(WireFormat.decode(WireFormat.encode(FrameRecords.frame(f, Encoding.JPEG))), "t");
        assertThat(jpeg.width).isEqualTo(16);
        assertThat(jpeg.height).isEqualTo(8);

        byte[] ids = new byte[16 * 8];
        for (int i = 40; i < 70; i++) ids[i] = 2;
        Mask m = new Mask(16, 8, ids);
        for (Encoding e : new Encoding[] {Encoding.PNG, Encoding.MASK_RLE, Encoding.GRAY8}) {
            Mask back = FrameRecords.toMask(WireFormat.decode(WireFormat.encode(FrameRecords.mask("cam", 0, m, e))), "t");
            assertThat(back.ids).as(e.name()).isEqualTo(ids);
        }
        WireRecord shortRuns = FrameRecords.mask("cam", 0, m, Encoding.MASK_RLE);
        shortRuns.width = 17;
        assertThatThrownBy(() -> WireFormat.decode(WireFormat.encode(shortRuns))).hasMessageContaining("covers 128 pixels");
        WireRecord notJpeg = FrameRecords.frame(f, Encoding.JPEG);
        notJpeg.payload = Arrays.copyOf(notJpeg.payload, 40);
        assertThatThrownBy(() -> FrameRecords.toFrame(WireFormat.decode(WireFormat.encode(notJpeg)), "t")).isInstanceOf(WireFormatException.class);
    }
}
