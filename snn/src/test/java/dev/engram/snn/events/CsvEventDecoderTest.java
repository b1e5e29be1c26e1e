package dev.engram.snn.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvEventDecoderTest {

    static CsvEventDecoder decoder(String text, CsvEventDecoder.Options options) {
        return new CsvEventDecoder(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv", options);
    }

    static EventBatch readAll(CsvEventDecoder d) throws IOException {
        EventBatch batch = new EventBatch(1024);
        assertThat(d.read(batch)).isPositive();
        return batch;
    }

    @Test
    void defaultsToXYPTWithoutHeader() throws IOException {
        EventBatch b = readAll(decoder("1,2,1,100\n3,4,0,200\n", CsvEventDecoder.Options.defaults()));
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.x()[1]).isEqualTo(3);
        assertThat(b.y()[1]).isEqualTo(4);
        assertThat(b.polarity()).startsWith((byte) 1, (byte) 0);
        assertThat(b.tUs()[1]).isEqualTo(200);
    }

    @Test
    void headerNamesSetTheColumnOrder() throws IOException {
        EventBatch b = readAll(decoder("timestamp;polarity;x;y;extra\n500;1;7;8;z\n", CsvEventDecoder.Options.defaults()));
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.x()[0]).isEqualTo(7);
        assertThat(b.y()[0]).isEqualTo(8);
        assertThat(b.polarity()[0]).isEqualTo((byte) 1);
        assertThat(b.tUs()[0]).isEqualTo(500);
    }

    @Test
    void readsEventCameraDatasetTextWithSecondsExactly() throws IOException {
        CsvEventDecoder.Options o = CsvEventDecoder.Options.builder().columns("t x y p")
                .timeUnit(CsvEventDecoder.TimeUnit.S).sensorSize(240, 180).build();
        CsvEventDecoder d = decoder("# comment\n0.003811000 96 133 0\n1.000001 10 20 1\n", o);
        EventBatch b = readAll(d);
        assertThat(b.tUs()).startsWith(3811L, 1_000_001L);
        assertThat(b.width()).isEqualTo(240);
        assertThat(b.height()).isEqualTo(180);
    }

    @Test
    void acceptsMinusOnePolarityAndSpacesAroundCommas() throws IOException {
        EventBatch b = readAll(decoder("1 , 2 , -1 , 3\r\n", CsvEventDecoder.Options.defaults()));
        assertThat(b.polarity()[0]).isEqualTo((byte) 0);
        assertThat(b.tUs()[0]).isEqualTo(3);
    }

    @Test
    void malformedLineNamesLineAndOffset() {
        CsvEventDecoder d = decoder("1,2,1,100\n1,x,1,200\n", CsvEventDecoder.Options.defaults());
        assertThatThrownBy(() -> d.read(new EventBatch(16)))
                .isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("test.csv @ byte 12")
                .hasMessageContaining("line 2");
    }

    @Test
    void incompleteLastLineIsATruncation() throws IOException {
        CsvEventDecoder d = decoder("1,2,1,100\n3,4", CsvEventDecoder.Options.defaults());
        EventBatch b = new EventBatch(16);
        assertThat(d.read(b)).isEqualTo(1);
        assertThat(d.read(b)).isEqualTo(-1);
        assertThat(d.truncated()).isTrue();
        assertThat(d.truncationDetail()).contains("line 2");
    }

    @Test
    void columnOrderMustNameEachFieldOnce() {
        assertThatThrownBy(() -> CsvEventDecoder.Options.builder().columns("x,x,p,t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column x must appear exactly once");
    }

    @Test
    void overlongLineIsRefused() {
        String line = "1".repeat(CsvEventDecoder.MAX_LINE + 10);
        CsvEventDecoder d = decoder(line, CsvEventDecoder.Options.defaults());
        assertThatThrownBy(() -> d.read(new EventBatch(16))).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void optionTextSetsColumnsAndUnit() throws IOException {
        CsvEventDecoder.Options o = CsvEventDecoder.Options.builder().fromOptionText("t,_,x,y,p", "ms").build();
        EventBatch b = readAll(decoder("2.5,9,1,2,1\n", o));
        assertThat(b.tUs()[0]).isEqualTo(2500);
        assertThat(b.x()[0]).isEqualTo(1);
        assertThatThrownBy(() -> CsvEventDecoder.TimeUnit.parse("h")).hasMessageContaining("ns, us, ms or s");
    }
}
