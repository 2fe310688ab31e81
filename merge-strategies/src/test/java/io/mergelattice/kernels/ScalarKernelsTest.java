package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The scalar oracle on hand-computed numbers (spec §2.6–§2.8, B4). */
class ScalarKernelsTest {

    private final FloatKernels f32 = ScalarKernels.instance().f32();
    private final DoubleKernels f64 = ScalarKernels.instance().f64();
    private static final long KEY_A = 0xe5d756c4e07f0338L; // §2.10 rows 1–3: u(0)=0.6378…, u(1)=0.0631…, u(5)=0.8516…

    private static MemorySegment seg(float... v) {
        return MemorySegment.ofArray(v);
    }

    private static MemorySegment seg(double... v) {
        return MemorySegment.ofArray(v);
    }

    private static int[] bits(float... v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void idIsStable() {
        assertThat(ScalarKernels.instance().id()).isEqualTo("scalar");
    }

    @Test
    void addScaledRoundsTheProductFirst() {
        float x = 1.0f + 0x1.0p-23f;
        float[] out = new float[3];
        // Determinism: (1+2^−23)² = 1 + 2^−22 + 2^−46 rounds to 1 + 2^−22, so a + (c·x) is exactly 0 (an FMA: 2^−46).
        f32.addScaled(seg(out), seg(-(1.0f + 0x1.0p-22f), 1.0f, -0.0f), x, seg(x, 2.0f, 0.0f), 3);
        assertThat(bits(out)).containsExactly(bits(0.0f, 1.0f + 2.0f * x, 0.0f)); // −0.0 + (+0.0) = +0.0
        double y = 1.0 + 0x1.0p-52;
        double[] acc = {-(1.0 + 0x1.0p-51)};
        f64.accumulate(seg(acc), y, seg(y), 1);
        assertThat(acc).containsExactly(0.0);
    }

    @Test
    void weightedSumStartsAtPositiveZeroInInputOrder() {
        float[] out = new float[2];
        MemorySegment[] x = {seg(1.0f, -0.0f), seg(1e8f, -0.0f), seg(-1e8f, -0.0f)};
        f32.weightedSum(seg(out), new float[] {1.0f, 1.0f, 1.0f}, x, 2);
        // ((0 + 1) + 1e8) = 1e8 (float spacing 8), then − 1e8 = 0; +0.0 + (−0.0) = +0.0.
        assertThat(bits(out)).containsExactly(bits(0.0f, 0.0f));
        MemorySegment[] reversed = {x[1], x[2], x[0]};
        f32.weightedSum(seg(out), new float[] {1.0f, 1.0f, 1.0f}, reversed, 2);
        assertThat(out[0]).isEqualTo(1.0f);
        double[] d = new double[1];
        f64.weightedSum(seg(d), new double[] {2.0, -0.5}, new MemorySegment[] {seg(3.0), seg(4.0)}, 1);
        assertThat(d).containsExactly(4.0);
        f64.weightedSum(seg(d), new double[0], new MemorySegment[0], 1);
        assertThat(Double.doubleToRawLongBits(d[0])).isZero();
    }

    @Test
    void elementWiseArithmetic() {
        float[] out = new float[3];
        f32.subtract(seg(out), seg(1.5f, -2.0f, 0.0f), seg(0.5f, 1.0f, 0.0f), 3);
        assertThat(bits(out)).containsExactly(bits(1.0f, -3.0f, 0.0f));
        f32.scale(seg(out), -2.0f, seg(1.5f, -2.0f, 0.0f), 3);
        assertThat(bits(out)).containsExactly(bits(-3.0f, 4.0f, -0.0f));
        f32.multiply(seg(out), seg(out), seg(2.0f, 0.5f, 1.0f), 3);
        assertThat(out).containsExactly(-6.0f, 2.0f, -0.0f);
        double[] d = new double[2];
        f64.add(seg(d), seg(0.1, 1e300), seg(0.2, 1e300), 2);
        assertThat(d).containsExactly(0.30000000000000004, 2e300);
        f64.divide(seg(d), seg(1.0, -3.0), seg(3.0, 0.0), 2);
        assertThat(d).containsExactly(1.0 / 3.0, Double.NEGATIVE_INFINITY);
    }

    @Test
    void signMapsBothZerosToPositiveZero() {
        float[] out = new float[6];
        f32.sign(seg(out), seg(-2.0f, -0.0f, 0.0f, 3.0f, Float.MIN_VALUE, -Float.MIN_VALUE), 6);
        assertThat(bits(out)).containsExactly(bits(-1.0f, 0.0f, 0.0f, 1.0f, 1.0f, -1.0f));
        double[] d = new double[3];
        f64.sign(seg(d), seg(-0.0, 1e-320, -7.0), 3);
        assertThat(d).containsExactly(0.0, 1.0, -1.0);
        assertThat(Double.doubleToRawLongBits(d[0])).isZero();
    }

    @Test
    void thresholdKeepSelectsAndWritesPositiveZero() {
        float[] out = new float[5];
        f32.thresholdKeep(seg(out), seg(1.0f, -2.0f, 3.0f, -0.5f, -1.9999999f), 2.0f, 5);
        assertThat(bits(out)).containsExactly(bits(0.0f, -2.0f, 3.0f, 0.0f, 0.0f));
        double[] d = new double[3];
        f64.thresholdKeep(seg(d), seg(-1e-320, 5e-321, -1e-321), 5e-321, 3);
        assertThat(d).containsExactly(-1e-320, 5e-321, 0.0);
    }

    @Test
    void randomKeepUsesTheFlatCounter() {
        // u(KEY_A, 0) = 0.6378…, u(KEY_A, 1) = 0.0631…, u(KEY_A, 5) = 0.8516…
        float[] out = new float[2];
        f32.randomKeep(seg(out), seg(1.0f, 1.0f), KEY_A, 0, 0.5, true, 2);
        assertThat(bits(out)).containsExactly(bits(0.0f, 2.0f));
        f32.randomKeep(seg(out), seg(-0.1f, 0.1f), KEY_A, 0, 0.7, true, 2);
        assertThat(out).containsExactly((float) ((double) -0.1f / 0.7), (float) ((double) 0.1f / 0.7));
        f32.randomKeep(seg(out), seg(5.0f, 5.0f), KEY_A, 4, 0.85, false, 2); // counters 4 and 5
        assertThat(out[1]).isEqualTo(0.0f);
        f32.randomKeep(seg(out), seg(5.0f, 5.0f), KEY_A, 4, 0.86, false, 2);
        assertThat(out[1]).isEqualTo(5.0f);
        double[] d = new double[1];
        f64.randomKeep(seg(d), seg(3.0), KEY_A, 4_294_967_303L, 0.0273, true, 1); // row 5: u = 0.027297960001253396
        assertThat(d).containsExactly(3.0 / 0.0273);
        f64.randomKeep(seg(d), seg(3.0), KEY_A, 4_294_967_303L, 0.0272, true, 1);
        assertThat(d).containsExactly(0.0);
        f64.randomKeep(seg(d), seg(3.0), KEY_A, 1, seg(0.07), false, 1); // per-element p
        assertThat(d).containsExactly(3.0);
    }

    @Test
    void reductionsByHand() {
        MemorySegment x = seg(1.0f, 2.0f, 3.0f, -0.5f);
        assertThat(f32.sum(x, 4)).isEqualTo(5.5);
        assertThat(f32.mean(x, 4)).isEqualTo(1.375);
        // deviations −0.375, 0.625, 1.625, −1.875 → squares sum 6.6875 → / 4
        assertThat(f32.variance(x, 4)).isEqualTo(1.671875);
        assertThat(f32.dot(x, seg(2.0f, 0.5f, -1.0f, 4.0f), 4)).isEqualTo(-2.0);
        assertThat(f64.norm(seg(3.0, 4.0), 2)).isEqualTo(5.0);
        // F32 products are exact in double: (1 + 2^−23)² keeps its 2^−46 term.
        float e = 1.0f + 0x1.0p-23f;
        assertThat(f32.sumSquares(seg(e), 1)).isEqualTo(1.0 + 0x1.0p-22 + 0x1.0p-46);
        assertThatThrownBy(() -> f64.mean(seg(new double[0]), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksSizes() {
        assertThatThrownBy(() -> f32.scale(seg(new float[2]), 1.0f, seg(new float[3]), 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> f32.randomKeep(seg(new float[1]), seg(new float[1]), 1, 0, 1.5, true, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f64.weightedSum(seg(new double[1]), new double[2], new MemorySegment[1], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
