package io.mergelattice.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact widening, single round-to-nearest-even narrowing, −0 canonicalisation and overflow errors. */
class DTypeConversionTest {

    private static final double TWO_POW_M24 = 0x1p-24;

    @Test
    void dtypesHaveTheFormatNamesAndSizes() {
        assertThat(Arrays.stream(DType.values()).map(d -> d.formatName() + ":" + d.byteSize()).toList())
                .containsExactly("BOOL:1", "U8:1", "I8:1", "I16:2", "U16:2", "I32:4", "U32:4", "I64:8", "U64:8",
                        "F8_E4M3:1", "F8_E5M2:1", "F16:2", "BF16:2", "F32:4", "F64:8");
        assertThat(DType.fromFormatName("BF16")).contains(DType.BF16);
        assertThat(DType.fromFormatName("bf16")).isEmpty();
        assertThat(Arrays.stream(DType.values()).filter(DType::isFloat))
                .containsExactly(DType.F16, DType.BF16, DType.F32, DType.F64);
    }

    @Test
    void everyF16AndBf16BitPatternWidensExactlyToF32AndF64() {
        MemorySegment all = MemorySegment.ofArray(new short[65536]);
        for (int i = 0; i < 65536; i++) {
            all.setAtIndex(LittleEndian.SHORT, i, (short) i);
        }
        float[] f16 = new float[65536];
        double[] f16d = new double[65536];
        float[] bf16 = new float[65536];
        double[] bf16d = new double[65536];
        Conversions.widenToF32(all, DType.F16, f16);
        Conversions.widenToF64(all, DType.F16, f16d);
        Conversions.widenToF32(all, DType.BF16, bf16);
        Conversions.widenToF64(all, DType.BF16, bf16d);
        for (int i = 0; i < 65536; i++) {
            float h = Float.float16ToFloat((short) i);
            float b = Float.intBitsToFloat(i << 16);
            assertThat(Float.floatToRawIntBits(f16[i])).isEqualTo(Float.floatToRawIntBits(h));
            assertThat(Double.doubleToRawLongBits(f16d[i])).isEqualTo(Double.doubleToRawLongBits(h));
            assertThat(Float.floatToRawIntBits(bf16[i])).isEqualTo(i << 16);
            assertThat(Double.doubleToRawLongBits(bf16d[i])).isEqualTo(Double.doubleToRawLongBits(b));
        }
    }

    @Test
    void f32AndF64SegmentsWidenLittleEndian() {
        MemorySegment f32 = MemorySegment.ofArray(new byte[]{0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
        float[] out = new float[2];
        Conversions.widenToF32(f32, DType.F32, out);
        assertThat(out).containsExactly(1.0f, -2.0f);
        double[] wide = new double[2];
        Conversions.widenToF64(f32, DType.F32, wide);
        assertThat(wide).containsExactly(1.0, -2.0);
        MemorySegment f64 = Arena.ofAuto().allocate(16);
        f64.setAtIndex(LittleEndian.DOUBLE, 1, 0.1);
        Conversions.widenToF64(f64, DType.F64, 1, wide, 0, 1);
        assertThat(wide[0]).isEqualTo(0.1);
        assertThat(f64.get(ValueLayout.JAVA_BYTE, 8)).isEqualTo((byte) 0x9A); // 0.1 = 0x3FB999999999999A, LE
    }

    @Test
    void widenRejectsConversionsThatAreNotExact() {
        MemorySegment eight = MemorySegment.ofArray(new byte[8]);
        assertThatThrownBy(() -> Conversions.widenToF32(eight, DType.F64, new float[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conversions.widenToF64(eight, DType.I32, new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conversions.widenToF32(eight, DType.F32, new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyF16HalfwayPointRoundsToEvenAndItsNeighboursRoundToTheNearer() {
        checkHalfwayPoints(FloatBits::doubleToF16, 0x7C00, 10);
        checkHalfwayPoints(FloatBits::doubleToF16Reference, 0x7C00, 10);
    }

    @Test
    void everyBf16HalfwayPointRoundsToEvenAndItsNeighboursRoundToTheNearer() {
        checkHalfwayPoints(FloatBits::doubleToBf16, 0x7F80, 7);
        checkHalfwayPoints(FloatBits::doubleToBf16Reference, 0x7F80, 7);
    }

    /** For all adjacent pairs (a, b) of a 16-bit format (bits k, k+1), the midpoint and its double neighbours. */
    private static void checkHalfwayPoints(DoubleToIntFunction round, int infinityBits, int mantBits) {
        for (int k = 0; k < infinityBits; k++) {
            double a = widen16(k, mantBits);
            double b = k + 1 == infinityBits ? nextBinade(k, mantBits) : widen16(k + 1, mantBits);
            double mid = (a + b) / 2; // exact: one more bit than the format has
            int even = (k & 1) == 0 ? k : k + 1;
            for (int sign : new int[]{0, 0x8000}) {
                double s = sign == 0 ? 1 : -1;
                assertThat(round.applyAsInt(s * mid) & 0xFFFF).as("mid of %x", k).isEqualTo(even | sign);
                assertThat(round.applyAsInt(s * Math.nextDown(mid)) & 0xFFFF).isEqualTo(k | sign);
                assertThat(round.applyAsInt(s * Math.nextUp(mid)) & 0xFFFF).isEqualTo((k + 1) | sign);
                assertThat(round.applyAsInt(s * a) & 0xFFFF).isEqualTo(k | sign);
            }
        }
    }

    /** The value just past the largest finite value: where the format's ∞ would be if the exponent went on. */
    private static double nextBinade(int maxFiniteBits, int mantBits) {
        double max = widen16(maxFiniteBits, mantBits);
        return max + (max - widen16(maxFiniteBits - 1, mantBits));
    }

    private static double widen16(int bits, int mantBits) {
        return mantBits == 10 ? Float.float16ToFloat((short) bits) : Float.intBitsToFloat(bits << 16);
    }

    @Test
    void f64IsRoundedOnceNotFirstToF32() {
        double justAboveHalfway = 1 + 0x1p-11 + 0x1p-40; // (float) of it is exactly the F16 halfway 1 + 2^-11
        assertThat((double) (float) justAboveHalfway).isEqualTo(1 + 0x1p-11);
        assertThat(Float.floatToFloat16((float) justAboveHalfway)).isEqualTo((short) 0x3C00); // double rounding
        assertThat(FloatBits.doubleToF16(justAboveHalfway)).isEqualTo((short) 0x3C01);
        double bf16Case = 1 + 0x1p-8 + 0x1p-40;
        assertThat(FloatBits.floatToBf16((float) bf16Case)).isEqualTo((short) 0x3F80);
        assertThat(FloatBits.doubleToBf16(bf16Case)).isEqualTo((short) 0x3F81);

        MemorySegment out = MemorySegment.ofArray(new short[1]);
        Conversions.narrow(new double[]{justAboveHalfway}, DType.F16, out, "t");
        assertThat(out.getAtIndex(LittleEndian.SHORT, 0)).isEqualTo((short) 0x3C01);
    }

    @Test
    void f16SubnormalBoundaries() {
        assertThat(FloatBits.doubleToF16(TWO_POW_M24)).isEqualTo((short) 0x0001);       // smallest subnormal
        assertThat(FloatBits.doubleToF16(TWO_POW_M24 / 2)).isEqualTo((short) 0x0000);   // tie → even (0)
        assertThat(FloatBits.doubleToF16(Math.nextUp(TWO_POW_M24 / 2))).isEqualTo((short) 0x0001);
        assertThat(FloatBits.doubleToF16(-TWO_POW_M24 / 2)).isEqualTo((short) 0x8000);  // −0: sign kept here
        assertThat(FloatBits.doubleToF16(3 * TWO_POW_M24 / 2)).isEqualTo((short) 0x0002); // 1.5 units → 2
        assertThat(FloatBits.doubleToF16(1023 * TWO_POW_M24)).isEqualTo((short) 0x03FF); // largest subnormal
        assertThat(FloatBits.doubleToF16(1023.5 * TWO_POW_M24)).isEqualTo((short) 0x0400); // → smallest normal
        assertThat(FloatBits.doubleToF16(0x1p-14)).isEqualTo((short) 0x0400);
        assertThat(FloatBits.doubleToF16(Double.MIN_VALUE)).isEqualTo((short) 0);
        assertThat(FloatBits.doubleToF16(1e-300)).isEqualTo((short) 0);
        assertThat(FloatBits.doubleToF16(-1e-300)).isEqualTo((short) 0x8000);
    }

    @Test
    void bf16SubnormalAndRangeBoundaries() {
        assertThat(FloatBits.doubleToBf16(0x1p-133)).isEqualTo((short) 0x0001);
        assertThat(FloatBits.doubleToBf16(0x1p-134)).isEqualTo((short) 0x0000);
        assertThat(FloatBits.doubleToBf16(3 * 0x1p-134)).isEqualTo((short) 0x0002);
        assertThat(FloatBits.doubleToBf16(0x1.fep127)).isEqualTo((short) 0x7F7F); // max finite
        assertThat(FloatBits.doubleToBf16(0x1.ffp127)).isEqualTo((short) 0x7F80); // halfway to 2^128 → ∞
        assertThat(FloatBits.doubleToBf16(Math.nextDown(0x1.ffp127))).isEqualTo((short) 0x7F7F);
        assertThat(FloatBits.doubleToBf16(1e-50)).isEqualTo((short) 0);
        assertThat(FloatBits.doubleToBf16(Double.MAX_VALUE)).isEqualTo((short) 0x7F80);
        assertThat(FloatBits.doubleToBf16(-Double.MAX_VALUE)).isEqualTo((short) 0xFF80);
        assertThat(FloatBits.floatToBf16(Float.NaN) & 0x7FC0).isEqualTo(0x7FC0);
    }

    @Test
    void f16MaxFiniteAndOverflow() {
        assertThat(FloatBits.doubleToF16(65504)).isEqualTo((short) 0x7BFF);
        assertThat(FloatBits.doubleToF16(Math.nextDown(65520.0))).isEqualTo((short) 0x7BFF);
        assertThat(FloatBits.doubleToF16(65520)).isEqualTo(FloatBits.F16_POSITIVE_INFINITY);
        assertThat(FloatBits.doubleToF16(1e300)).isEqualTo(FloatBits.F16_POSITIVE_INFINITY);
        assertThat(FloatBits.doubleToF16(Double.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(FloatBits.doubleToF16(Double.NaN) & 0x7E00).isEqualTo(0x7E00);
    }

    @Test
    void roundingMatchesAnExactReferenceOnRandomDoubles() {
        double[] f16 = sortedFiniteMagnitudes(10, 0x7C00);
        double[] bf16 = sortedFiniteMagnitudes(7, 0x7F80);
        SplittableRandom random = new SplittableRandom(20240611);
        for (int i = 0; i < 50_000; i++) {
            double d = randomDouble(random, -30, 17);
            assertThat(FloatBits.doubleToF16(d) & 0xFFFF).as("F16 of %s", d).isEqualTo(reference(d, f16));
            assertThat(FloatBits.doubleToF16Reference(d) & 0xFFFF).isEqualTo(reference(d, f16));
            double e = randomDouble(random, -140, 129);
            assertThat(FloatBits.doubleToBf16(e) & 0xFFFF).as("BF16 of %s", e).isEqualTo(reference(e, bf16));
            assertThat(FloatBits.doubleToBf16Reference(e) & 0xFFFF).isEqualTo(reference(e, bf16));
        }
    }

    @Test
    void genericRoundingAgreesWithJavaForF32AndWithFloatPathsFor16Bits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double d = randomDouble(random, -160, 129);
            assertThat(FloatBits.doubleToF32Bits(d)).as("F32 of %s", d).isEqualTo(Float.floatToRawIntBits((float) d));
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(f)) {
                assertThat(FloatBits.doubleToF16(f)).isEqualTo(Float.floatToFloat16(f));
                assertThat(FloatBits.doubleToBf16(f)).isEqualTo(FloatBits.floatToBf16(f));
            }
        }
    }

    @Test
    void fastRoundToOddPathEqualsTheGenericRoundingOnRandomBitPatterns() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d)) {
                continue;
            }
            assertThat(FloatBits.doubleToF16(d)).as("F16 of %s", d).isEqualTo(FloatBits.doubleToF16Reference(d));
            assertThat(FloatBits.doubleToBf16(d)).as("BF16 of %s", d).isEqualTo(FloatBits.doubleToBf16Reference(d));
            double near = Math.scalb(1 + random.nextDouble(), random.nextInt(-160, 130)); // the interesting range
            assertThat(FloatBits.doubleToF16(near)).isEqualTo(FloatBits.doubleToF16Reference(near));
            assertThat(FloatBits.doubleToBf16(-near)).isEqualTo(FloatBits.doubleToBf16Reference(-near));
        }
    }

    /** Reference rounding: nearest of the sorted magnitudes by exact decimal distance, ties to the even code. */
    private static int reference(double d, double[] magnitudes) {
        double m = Math.abs(d);
        int sign = d < 0 || (d == 0 && 1 / d < 0) ? 0x8000 : 0;
        int hi = Arrays.binarySearch(magnitudes, m);
        if (hi >= 0) {
            return hi | sign;
        }
        hi = -hi - 1; // magnitudes[hi - 1] < m < magnitudes[hi]; the last entry stands for ∞
        if (hi == magnitudes.length) {
            return (hi - 1) | sign;
        }
        BigDecimal x = new BigDecimal(m);
        int cmp = x.subtract(new BigDecimal(magnitudes[hi - 1])).compareTo(new BigDecimal(magnitudes[hi]).subtract(x));
        int code = cmp < 0 ? hi - 1 : cmp > 0 ? hi : ((hi & 1) == 0 ? hi : hi - 1);
        return code | sign;
    }

    /** Magnitude of every code 0..infinity−1, then the next binade's start standing in for ∞ (index = code). */
    private static double[] sortedFiniteMagnitudes(int mantBits, int infinity) {
        double[] v = new double[infinity + 1];
        for (int k = 0; k < infinity; k++) {
            v[k] = widen16(k, mantBits);
        }
        v[infinity] = nextBinade(infinity - 1, mantBits);
        return v;
    }

    private static double randomDouble(SplittableRandom r, int minExp, int maxExp) {
        double mant = 1 + r.nextDouble();
        double d = Math.scalb(mant, r.nextInt(minExp, maxExp));
        if (r.nextInt(8) == 0) { // exact halfway-ish values: few significant bits
            d = Math.scalb((double) r.nextInt(1, 1 << 14), r.nextInt(minExp - 14, maxExp - 14));
        }
        return r.nextBoolean() ? d : -d;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F16", "BF16", "F32", "F64"})
    void negativeZeroIsWrittenAsPositiveZero(DType out) {
        MemorySegment dst = MemorySegment.ofArray(new byte[2 * out.byteSize()]);
        Conversions.narrow(new double[]{-0.0, 0.0}, out, dst, "t");
        assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
        dst.fill((byte) 0x55);
        Conversions.narrow(new float[]{-0.0f, 0.0f}, out, dst, "t");
        assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
        MemorySegment negZeroF64 = MemorySegment.ofArray(new double[]{-0.0, -0.0});
        dst.fill((byte) 0x55);
        Conversions.narrow(negZeroF64, DType.F64, out, dst, "t");
        assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F16", "BF16", "F32"})
    void aTinyNegativeValueThatUnderflowsIsWrittenAsPositiveZero(DType out) {
        // docs/decisions/0006-output-zeros.md: no output ever holds −0, also after an underflow.
        MemorySegment dst = MemorySegment.ofArray(new byte[3 * out.byteSize()]);
        dst.fill((byte) 0x55);
        Conversions.narrow(new double[]{-1e-300, -1e-60, 1e-300}, out, dst, "t");
        assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
        dst.fill((byte) 0x55);
        Conversions.narrow(new float[]{-1e-45f, -1e-30f, 1e-45f}, out, dst, "t");
        if (out == DType.F16) { // BF16 and F32 have float's exponent range: these floats stay non-zero there
            assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
        }
    }

    @Test
    void overflowIsAnErrorNamingTensorAndElementNeverSaturation() {
        MemorySegment f16 = MemorySegment.ofArray(new short[20]);
        assertThatThrownBy(() -> Conversions.narrow(new double[]{1, 2, 65520}, 0, 3, DType.F16, f16, 10, "w.q"))
                .isInstanceOfSatisfying(OutputOverflowException.class, e -> {
                    assertThat(e.tensorName()).isEqualTo("w.q");
                    assertThat(e.elementIndex()).isEqualTo(12);
                    assertThat(e.value()).isEqualTo(65520);
                    assertThat(e.target()).isEqualTo(DType.F16);
                    assertThat(e.getMessage()).contains("w.q", "12", "F16");
                });
        Conversions.narrow(new double[]{-65504, Math.nextDown(65520.0)}, 0, 2, DType.F16, f16, 0, "w");
        assertThat(f16.getAtIndex(LittleEndian.SHORT, 0)).isEqualTo((short) 0xFBFF);

        MemorySegment f32 = MemorySegment.ofArray(new float[1]);
        assertThatThrownBy(() -> Conversions.narrow(new double[]{-1e39}, DType.F32, f32, "x"))
                .isInstanceOf(OutputOverflowException.class).hasMessageContaining("element 0");
        MemorySegment bf16 = MemorySegment.ofArray(new short[1]);
        assertThatThrownBy(() -> Conversions.narrow(new float[]{Float.MAX_VALUE}, DType.BF16, bf16, "y"))
                .isInstanceOf(OutputOverflowException.class);
        assertThatThrownBy(() -> Conversions.narrow(MemorySegment.ofArray(new float[]{1e5f}), DType.F32, DType.F16,
                MemorySegment.ofArray(new short[1]), "z")).isInstanceOf(OutputOverflowException.class);
    }

    @Test
    void nonFiniteInputIsRejected() {
        MemorySegment dst = MemorySegment.ofArray(new float[1]);
        assertThatThrownBy(() -> Conversions.narrow(new double[]{Double.NaN}, DType.F32, dst, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Conversions.narrow(new float[]{Float.POSITIVE_INFINITY}, DType.F32, dst, "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void narrowingASegmentMatchesElementWiseRounding() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 1000;
        MemorySegment src = MemorySegment.ofArray(new byte[n * 8]);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = randomDouble(random, -20, 15);
            src.setAtIndex(LittleEndian.DOUBLE, i, values[i]);
        }
        MemorySegment bf16 = MemorySegment.ofArray(new byte[n * 2]);
        MemorySegment f32 = MemorySegment.ofArray(new byte[n * 4]);
        Conversions.narrow(src, DType.F64, DType.BF16, bf16, "t");
        Conversions.narrow(src, DType.F64, DType.F32, f32, "t");
        for (int i = 0; i < n; i++) {
            assertThat(bf16.getAtIndex(LittleEndian.SHORT, i)).isEqualTo(FloatBits.doubleToBf16(values[i]));
            assertThat(f32.getAtIndex(LittleEndian.FLOAT, i)).isEqualTo((float) values[i]);
        }
        MemorySegment back = MemorySegment.ofArray(new byte[n * 8]);
        Conversions.narrow(bf16, DType.BF16, DType.F64, back, "t"); // widening through narrow() is exact
        for (int i = 0; i < n; i++) {
            assertThat(back.getAtIndex(LittleEndian.DOUBLE, i))
                    .isEqualTo((double) FloatBits.bf16ToFloat(bf16.getAtIndex(LittleEndian.SHORT, i)));
        }
    }

    @Test
    void f32OutputIsAPlainCastWrittenLittleEndian() {
        MemorySegment dst = MemorySegment.ofArray(new byte[8]);
        Conversions.narrow(new double[]{1.0, 0.1}, DType.F32, dst, "t");
        assertThat(dst.toArray(ValueLayout.JAVA_BYTE)).startsWith(0, 0, (byte) 0x80, 0x3F);
        assertThat(dst.getAtIndex(LittleEndian.FLOAT, 1)).isEqualTo(0.1f);
    }
}
