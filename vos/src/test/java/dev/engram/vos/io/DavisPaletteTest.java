package dev.engram.vos.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DavisPaletteTest {
    @Test
    void firstColoursMatchDavis() {
        assertThat(DavisPalette.rgb(0)).isEqualTo(0x000000);
        assertThat(DavisPalette.rgb(1)).isEqualTo(0x800000);
        assertThat(DavisPalette.rgb(2)).isEqualTo(0x008000);
        assertThat(DavisPalette.rgb(3)).isEqualTo(0x808000);
        assertThat(DavisPalette.rgb(4)).isEqualTo(0x000080);
        assertThat(DavisPalette.rgb(8)).isEqualTo(0x400000);
    }

    @Test
    void idOfInvertsEveryColour() {
        for (int id = 0; id < 256; id++) {
            assertThat(DavisPalette.idOf(DavisPalette.rgb(id))).isEqualTo(id);
        }
        assertThat(DavisPalette.idOf(0xFFFFFF)).isEqualTo(-1);
        assertThat(DavisPalette.idOf(0x123456)).isEqualTo(-1);
    }
}
