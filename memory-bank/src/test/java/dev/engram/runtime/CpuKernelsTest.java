package dev.engram.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuKernelsTest {
    @Test
    void pinSetsTheCapsNativeCodeReadsAndKeepsWhatTheUserSet() {
        String userOnednn = System.getenv(CpuKernels.ONEDNN);
        String userAten = System.getenv(CpuKernels.ATEN);
        CpuKernels.pin();
        CpuKernels.pin();
        if (userOnednn == null && System.getenv(CpuKernels.DNNL) == null) {
            assertThat(CpuKernels.nativeEnv(CpuKernels.ONEDNN)).isEqualTo("AVX");
        } else if (userOnednn != null) {
            assertThat(CpuKernels.nativeEnv(CpuKernels.ONEDNN)).isEqualTo(userOnednn);
        }
        assertThat(CpuKernels.nativeEnv(CpuKernels.ATEN)).isEqualTo(userAten == null ? "avx2" : userAten);
    }
}
