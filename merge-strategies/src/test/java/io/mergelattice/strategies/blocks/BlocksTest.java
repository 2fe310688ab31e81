package io.mergelattice.strategies.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.CounterRng;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.strategy.Contribution;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Precision;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared building blocks B1–B5 of strategies spec §2.17 and the exact masks they rely on. */
class BlocksTest {

    /** Float values that stress the masks: zeros of both signs, subnormals, the extremes, neighbours. */
    private static final float[] SPECIAL = {0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, 2 * Float.MIN_VALUE,
        Float.MIN_NORMAL, -Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL), 1.0f, -1.0f, Math.nextUp(1.0f),
        Math.nextDown(1.0f), 0.1f, -0.1f, Float.MAX_VALUE, -Float.MAX_VALUE, Math.nextDown(Float.MAX_VALUE), 3e38f};

    @Test
    void masksAreExactComparisonsInF32() {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] values = new float[SPECIAL.length + 250];
        System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
        for (int i = SPECIAL.length; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(rnd.nextInt()); // any bit pattern, NaN and ∞ skipped below
        }
        for (float x : values) {
            for (float y : values) {
                if (!Float.isFinite(x) || !Float.isFinite(y)) {
                    continue;
                }
                float a = Math.abs(x);
                float b = Math.abs(y);
                assertThat(Masks.ge(a, b)).as("ge(%s, %s)", a, b).isEqualTo(a >= b ? 1.0f : 0.0f);
                assertThat(Masks.gt(a, b)).as("gt(%s, %s)", a, b).isEqualTo(a > b ? 1.0f : 0.0f);
                assertThat(Masks.sameSign(x, y)).as("sameSign(%s, %s)", x, y)
                        .isEqualTo((double) x * (double) y > 0 ? 1.0f : 0.0f);
                assertThat(Masks.notOpposite(x, y)).as("notOpposite(%s, %s)", x, y)
                        .isEqualTo((double) x * (double) y >= 0 ? 1.0f : 0.0f);
            }
        }
    }

    @Test
    void masksAreExactComparisonsInF64() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] values = new double[SPECIAL.length + 8 + 200];
        for (int i = 0; i < SPECIAL.length; i++) {
            values[i] = SPECIAL[i];
        }
        double[] more = {Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e-300, -1e-300, Math.nextUp(0.5)};
        System.arraycopy(more, 0, values, SPECIAL.length, more.length);
        for (int i = SPECIAL.length + more.length; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        for (double x : values) {
            for (double y : values) {
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                double a = Math.abs(x);
                double b = Math.abs(y);
                assertThat(Masks.ge(a, b)).as("ge(%s, %s)", a, b).isEqualTo(a >= b ? 1.0 : 0.0);
                assertThat(Masks.gt(a, b)).as("gt(%s, %s)", a, b).isEqualTo(a > b ? 1.0 : 0.0);
                boolean same = (x > 0 && y > 0) || (x < 0 && y < 0);
                boolean opposite = (x > 0 && y < 0) || (x < 0 && y > 0);
                assertThat(Masks.sameSign(x, y)).isEqualTo(same ? 1.0 : 0.0);
                assertThat(Masks.notOpposite(x, y)).isEqualTo(opposite ? 0.0 : 1.0);
            }
        }
    }

    @Test
    void trimCountIsClampedFloorOfTheDoubleProduct() {
        assertThat(Trim.count(0.2, 6)).isEqualTo(1); // floor(1.2000000000000002)
        assertThat(Trim.count(0.01, 6)).isEqualTo(1); // at least one
        assertThat(Trim.count(1.0, 6)).isEqualTo(6);
        assertThat(Trim.count(0.29, 100)).isEqualTo(28); // 0.29 × 100 = 28.999999999999996 (§2.8)
        assertThat(Trim.count(0.5, 1)).isEqualTo(1);
    }

    @Test
    void electParsesTheConsensusMethod() {
        assertThat(Elect.of("sum")).isEqualTo(Elect.SUM);
        assertThat(Elect.of("count")).isEqualTo(Elect.COUNT);
        assertThatThrownBy(() -> Elect.of("magnitude")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disjointMatchesAPlainTransliterationOfB1ToB3() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (Precision p : Precision.values()) {
            for (Elect method : Elect.values()) {
                for (boolean normalize : new boolean[] {true, false}) {
                    int n = 4;
                    int len = 257;
                    double[] omega = {1.0, 0.3, 2.5, 1e-3};
                    double[][] v = new double[n][len];
                    for (double[] row : v) {
                        for (int j = 0; j < len; j++) {
                            int kind = rnd.nextInt(6);
                            double x = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? 1.0 : rnd.nextDouble(-2, 2);
                            row[j] = p.round(x);
                        }
                    }
                    double[] keep = {0.0, 0.5, p.round(1.0), 1.9};
                    double[] b = new double[len];
                    for (int j = 0; j < len; j++) {
                        b[j] = p.round(rnd.nextDouble(-1, 1));
                    }
                    double[] expected = reference(p, v, omega, keep, method, normalize, 0.75, b);
                    double[] actual = runDisjoint(p, v, omega, keep, method, normalize, 0.75, b);
                    for (int j = 0; j < len; j++) {
                        assertThat(actual[j]).as("%s %s normalize=%s j=%d", p, method, normalize, j)
                                .isEqualTo(expected[j]);
                    }
                }
            }
        }
    }

    @Test
    void disjointRejectsAnOverflowingVoteButNotInCountMode() throws Exception {
        double[][] v = {{3e38}, {-1.0}, {-1.0}};
        double[] omega = {2.0, 1.0, 1.0};
        assertThatThrownBy(() -> runDisjoint(Precision.F32, v, omega, null, Elect.SUM, true, 1.0, new double[1]))
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
        // count never forms ω̂·v for the disagreeing 3e38, so the vote elects −1 and M = −1.
        assertThat(runDisjoint(Precision.F32, v, omega, null, Elect.COUNT, true, 1.0, new double[1]))
                .containsExactly(-1.0);
    }

    @Test
    void magPruneNarrowsTheWindowAndRanksTiesTogether() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            SliceOps ops = new SliceOps(input(Precision.F64, ScalarKernels.instance(), arena));
            MagPrune p = new MagPrune(ops, 0.5, 0.2, false, 4);
            assertThat(p.probability(0)).isEqualTo(0.5 - 0.2);
            assertThat(p.probability(3)).isEqualTo(Math.min(1.0, (0.5 - 0.2) + (2.0 * 0.2) * 1.0));
            MagPrune wide = new MagPrune(ops, 0.3, 0.45, false, 5); // ε_eff = density: the window starts at 0
            assertThat(wide.probability(0)).isEqualTo(0.0);
            assertThat(wide.probability(4)).isEqualTo(0.6);
            MagPrune one = new MagPrune(ops, 0.7, 0.15, false, 1); // rows of length 1 use ρ = 0.5
            assertThat(one.probability(0)).isEqualTo(Math.min(1.0, (0.7 - 0.15) + (2.0 * 0.15) * 0.5));
            MagPrune full = new MagPrune(ops, 1.0, 0.3, true, 4); // density 1: ε_eff = 0, p = 1
            assertThat(full.probability(0)).isEqualTo(1.0);
            assertThat(full.probability(3)).isEqualTo(1.0);
        }
    }

    @Test
    void magPruneKeepsByMinRankAndFlatCounterInBothPrecisions() throws Exception {
        double[] row = {3.0, -1.0, 2.0, 1.0, 0.0, -0.0, 0.5};
        long[] ranks = {6, 3, 5, 3, 0, 0, 2}; // min-ranks of the magnitudes; ±0.0 tie
        long key = 0x0123456789abcdefL;
        long first = 7 * 5; // row a = 5 of a 7-column matrix: counters are flat indices
        for (Kernels k : List.of(ScalarKernels.instance(), VectorKernels.instance())) {
            for (Precision p : Precision.values()) {
                try (Arena arena = Arena.ofConfined()) {
                    SliceOps ops = new SliceOps(input(p, k, arena));
                    MagPrune prune = new MagPrune(ops, 0.5, 0.25, true, row.length);
                    double[] probs = new double[row.length];
                    double[] got = new double[row.length];
                    if (p == Precision.F32) {
                        float[] x = new float[row.length];
                        for (int c = 0; c < x.length; c++) {
                            x[c] = (float) row[c];
                        }
                        prune.applyRow(x, key, first, probs);
                        for (int c = 0; c < x.length; c++) {
                            got[c] = x[c];
                        }
                    } else {
                        got = row.clone();
                        prune.applyRow(got, key, first, probs);
                    }
                    for (int c = 0; c < row.length; c++) {
                        double pc = prune.probability(ranks[c]);
                        assertThat(probs[c]).as("p of column %d", c).isEqualTo(pc);
                        boolean kept = CounterRng.u(key, first + c) < pc;
                        double expected = kept ? p.round(row[c] / pc) : 0.0;
                        assertThat(got[c]).as("%s %s column %d", k.id(), p, c).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void checkFiniteNamesTheFirstBadElement() {
        assertThatThrownBy(() -> SliceOps.checkFinite(new float[] {1, Float.NaN, Float.POSITIVE_INFINITY}, 3, 10,
                "x")).hasMessageContaining("x[11]");
        assertThatThrownBy(() -> SliceOps.checkFinite(new double[] {1, 2, Double.NEGATIVE_INFINITY}, 3, 0, "y"))
                .hasMessageContaining("y[2]");
    }

    // ---- helpers

    private static MergeInput input(Precision p, Kernels k, Arena arena) {
        PTensor t = PTensor.of(p, new long[] {1}, 1.0);
        return new MergeInput(p, List.of(new Contribution(Hash32.of(new byte[32]), t, 1.0, Map.of())),
                Optional.of(t), new long[] {1}, new MergeContext(Hash32.of(new byte[32]), "layer.weight"), k, arena);
    }

    private static double[] runDisjoint(Precision p, double[][] v, double[] omega, double[] keep, Elect method,
            boolean normalize, double lambda, double[] b) throws MergeException {
        int len = b.length;
        double[] out = new double[len];
        for (Kernels k : List.of(ScalarKernels.instance(), VectorKernels.instance())) {
            try (Arena arena = Arena.ofConfined()) {
                Disjoint d = new Disjoint(new SliceOps(input(p, k, arena)), omega, method, normalize, lambda, len);
                if (p == Precision.F32) {
                    float[][] vf = new float[v.length][len];
                    float[] bf = new float[len];
                    float[] of = new float[len];
                    for (int i = 0; i < v.length; i++) {
                        for (int j = 0; j < len; j++) {
                            vf[i][j] = (float) v[i][j];
                        }
                    }
                    for (int j = 0; j < len; j++) {
                        bf[j] = (float) b[j];
                    }
                    d.apply(vf, keep, bf, of, len, 0);
                    for (int j = 0; j < len; j++) {
                        out[j] = of[j];
                    }
                } else {
                    double[][] vd = new double[v.length][];
                    for (int i = 0; i < v.length; i++) {
                        vd[i] = v[i].clone();
                    }
                    d.apply(vd, keep, b, out, len, 0);
                }
            }
        }
        return out;
    }

    /** §2.17 B1–B3 and r = b + (λ̂ · M) as written, one element at a time, rounding with p after each operation. */
    private static double[] reference(Precision p, double[][] v, double[] omega, double[] keep, Elect method,
            boolean normalize, double lambda, double[] b) {
        int n = v.length;
        int len = b.length;
        double[] out = new double[len];
        for (int j = 0; j < len; j++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.abs(v[i][j]) >= keep[i] ? v[i][j] : 0.0;
            }
            int e;
            if (method == Elect.SUM) {
                double s = 0.0;
                for (int i = 0; i < n; i++) {
                    s = p.round(s + p.round(p.round(omega[i]) * x[i]));
                }
                e = s > 0 ? 1 : s < 0 ? -1 : 0;
            } else {
                int c = 0;
                for (int i = 0; i < n; i++) {
                    c += x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
                }
                e = Integer.signum(c);
            }
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < n; i++) {
                boolean agree = x[i] != 0 && e != 0 && (x[i] > 0) == (e > 0);
                if (agree) {
                    num = p.round(num + p.round(p.round(omega[i]) * x[i]));
                    den = p.round(den + p.round(omega[i]));
                }
            }
            double m = normalize ? (den > 0 ? p.round(num / den) : 0.0) : num;
            out[j] = p.round(b[j] + p.round(p.round(lambda) * m));
        }
        return out;
    }
}
