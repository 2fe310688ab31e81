package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection chain CUDA → vector → scalar, forcing, and fallback reasons (docs/style.md, Lucene-style). */
class KernelSelectorTest {

    private record FakeProvider(String id, Optional<String> available, Kernels kernels) implements KernelsProvider {
        @Override
        public Kernels create() {
            return kernels;
        }
    }

    private static final Kernels FAKE_CUDA = new Kernels() {
        @Override
        public String id() {
            return "cuda";
        }

        @Override
        public FloatKernels f32() {
            return ScalarKernels.instance().f32();
        }

        @Override
        public DoubleKernels f64() {
            return ScalarKernels.instance().f64();
        }
    };
    private static final KernelsProvider CUDA = new FakeProvider("cuda", Optional.empty(), FAKE_CUDA);
    private static final KernelsProvider NO_GPU = new FakeProvider("cuda", Optional.of("no CUDA device"), FAKE_CUDA);
    private static final KernelsProvider VECTOR = new KernelSelector.VectorProvider();
    private static final KernelsProvider NO_VECTOR =
            new FakeProvider("vector-256", Optional.of("hardware vectors are 128 bits, 256 needed"), null);

    @Test
    void thisMachinePicksTheVectorBackend() {
        assertThat(VECTOR.available()).isEmpty();
        KernelSelection s = KernelSelector.selection();
        assertThat(s.id()).isEqualTo("vector-256");
        assertThat(s.fallbacks()).containsExactly("accelerator: no KernelsProvider found");
        assertThat(KernelSelector.kernels()).isSameAs(KernelSelector.kernels());
    }

    @Test
    void autoPrefersAnAvailableAccelerator() {
        KernelSelection s = KernelSelector.select(null, () -> List.of(CUDA), VECTOR);
        assertThat(s.kernels()).isSameAs(FAKE_CUDA);
        assertThat(s.fallbacks()).isEmpty();
        assertThat(s.reason()).isEqualTo("auto");
    }

    @Test
    void autoFallsBackWithEveryReason() {
        KernelSelection s = KernelSelector.select("auto", () -> List.of(NO_GPU), NO_VECTOR);
        assertThat(s.kernels()).isSameAs(ScalarKernels.instance());
        assertThat(s.fallbacks()).containsExactly("cuda: no CUDA device",
                "vector-256: hardware vectors are 128 bits, 256 needed");
    }

    @Test
    void forcedChoices() {
        assertThat(KernelSelector.select("scalar", () -> List.of(CUDA), VECTOR).kernels())
                .isSameAs(ScalarKernels.instance());
        KernelSelection vector = KernelSelector.select(" Vector ", () -> List.of(CUDA), VECTOR);
        assertThat(vector.kernels()).isSameAs(VectorKernels.instance());
        assertThat(vector.reason()).isEqualTo("forced by -Dmergelattice.kernels=vector");
        assertThat(KernelSelector.select("cuda", () -> List.of(CUDA), VECTOR).kernels()).isSameAs(FAKE_CUDA);
    }

    @Test
    void forcedCudaWithoutProviderFallsBackToVector() {
        KernelSelection s = KernelSelector.select("cuda", List::of, VECTOR);
        assertThat(s.id()).isEqualTo("vector-256");
        assertThat(s.fallbacks()).containsExactly("cuda: no KernelsProvider found");
    }

    @Test
    void unknownValueIsReportedAndTreatedAsAuto() {
        KernelSelection s = KernelSelector.select("gpu", List::of, VECTOR);
        assertThat(s.id()).isEqualTo("vector-256");
        assertThat(s.fallbacks()).first().asString().contains("unknown value 'gpu'");
    }

    @Test
    void aBrokenServiceConfigurationIsAFallbackNotACrash() {
        KernelSelection s = KernelSelector.select("auto", () -> {
            throw new java.util.ServiceConfigurationError("bad provider");
        }, VECTOR);
        assertThat(s.id()).isEqualTo("vector-256");
        assertThat(s.fallbacks()).singleElement().asString().contains("bad provider");
    }
}
