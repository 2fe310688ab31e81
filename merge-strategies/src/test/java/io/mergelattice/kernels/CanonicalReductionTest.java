package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical reduction R of spec §2.7: the test vectors (table RED of §4.3) and the tree shape by hand. */
class CanonicalReductionTest {

    private static final double TWO_53 = 0x1.0p53;

    /** t_j = u(key(seed, "layer.weight", NULL_ROOT), j) − 0.5 (the subtraction is exact). */
    private static double[] terms(int m) throws Exception {
        long key = CounterRng.key(CounterRngTest.goldenSeed(), CounterRngTest.NAME, CounterRng.nullRoot());
        double[] t = new double[m];
        for (int j = 0; j < m; j++) {
            t[j] = CounterRng.u(key, j) - 0.5;
        }
        return t;
    }

    @ParameterizedTest(name = "m = {0}")
    @CsvSource({"10000, -31.842221031085614, -31.84222103108566", "20000, -36.65924091554664, -36.65924091554668"})
    void testVectors(int m, double expected, double plainSequential) throws Exception {
        double[] t = terms(m);
        assertThat(CanonicalReduction.reduce(m, j -> t[(int) j])).isEqualTo(expected);
        MemorySegment seg = MemorySegment.ofArray(t);
        for (Kernels k : new Kernels[] {ScalarKernels.instance(), VectorKernels.instance()}) {
            assertThat(k.f64().sum(seg, m)).as(k.id()).isEqualTo(expected);
        }
        double s = 0.0;
        for (double v : t) {
            s += v;
        }
        assertThat(s).as("plain sequential sum (informative, differs)").isEqualTo(plainSequential);
    }

    @Test
    void emptySequenceIsPositiveZero() {
        assertThat(Double.doubleToRawLongBits(CanonicalReduction.reduce(0, j -> 1.0))).isZero();
        assertThat(Double.doubleToRawLongBits(CanonicalReduction.tree(new double[0]))).isZero();
        assertThat(Double.doubleToRawLongBits(ScalarKernels.instance().f32().sum(MemorySegment.NULL, 0))).isZero();
    }

    @Test
    void withinABlockTheOrderIsSequential() {
        // ((0 + 2^53) + 1) + 1 = 2^53 (each +1 is a tie, rounded to even); a pairwise sum would give 2^53 + 2.
        double[] t = {TWO_53, 1.0, 1.0};
        assertThat(CanonicalReduction.reduce(3, j -> t[(int) j])).isEqualTo(TWO_53);
    }

    @Test
    void blockSumsGoThroughThePairwiseTree() {
        // Blocks [1, 2^53, 1, −2^53]: tree (1 + 2^53) + (1 − 2^53) = 2^53 + (−2^53 + 1) = 1; sequential gives 0.
        double[] blocks = {1.0, TWO_53, 1.0, -TWO_53};
        assertThat(CanonicalReduction.tree(blocks)).isEqualTo(1.0);
        assertThat((((0.0 + 1.0) + TWO_53) + 1.0) - TWO_53).isEqualTo(0.0);
        double[] t = new double[4 * CanonicalReduction.BLOCK];
        for (int b = 0; b < 4; b++) {
            t[b * CanonicalReduction.BLOCK + 17] = blocks[b];
        }
        assertThat(CanonicalReduction.reduce(t.length, j -> t[(int) j])).isEqualTo(1.0);
        MemorySegment seg = MemorySegment.ofArray(t);
        assertThat(ScalarKernels.instance().f64().sum(seg, t.length)).isEqualTo(1.0);
        assertThat(VectorKernels.instance().f64().sum(seg, t.length)).isEqualTo(1.0);
    }

    @Test
    void anUnpairedLastElementIsCarried() {
        // 5 sums: [(a+b), (c+d), e] → [((a+b)+(c+d)), e] → 1 + 0.5.
        assertThat(CanonicalReduction.tree(new double[] {1.0, TWO_53, 1.0, -TWO_53, 0.5})).isEqualTo(1.5);
        // 3 sums: [(a+b), c] → (1 + 2^53 → 2^53) + 1 → 2^53 (tie to even).
        assertThat(CanonicalReduction.tree(new double[] {1.0, TWO_53, 1.0})).isEqualTo(TWO_53);
        // 6 sums: [(a+b), (c+d), (e+f)] → [(a+b)+(c+d), (e+f)]: (2^53 + (−2^53 + 1)) + (0.25 + 0.25) = 1.5.
        assertThat(CanonicalReduction.tree(new double[] {1.0, TWO_53, 1.0, -TWO_53, 0.25, 0.25})).isEqualTo(1.5);
        double[] in = {3.0, 4.0, 5.0};
        CanonicalReduction.tree(in);
        assertThat(in).containsExactly(3.0, 4.0, 5.0);
    }

    @Test
    void blockCountIsCeil() {
        assertThat(CanonicalReduction.blockCount(0)).isZero();
        assertThat(CanonicalReduction.blockCount(1)).isEqualTo(1);
        assertThat(CanonicalReduction.blockCount(4096)).isEqualTo(1);
        assertThat(CanonicalReduction.blockCount(4097)).isEqualTo(2);
    }
}
