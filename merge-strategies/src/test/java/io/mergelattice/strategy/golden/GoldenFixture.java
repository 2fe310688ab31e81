package io.mergelattice.strategy.golden;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.CounterRng;
import io.mergelattice.tensor.DType;
import io.mergelattice.strategy.RawTensor;
import java.util.HexFormat;

/** The inputs of strategies spec §4.1. */
final class GoldenFixture {
    static final Hash32 SEED = Hash32.ofHex("dd56de4137951d9c92681b03416ec15f886b4482a27e3a517d32f085244cbe5d");
    static final Hash32[] ROOTS = {root(0x11), root(0x22), root(0x33)};
    static final long[] SHAPE = {2, 3};

    static final double[][] THETA = {
        {0.5, -1.0, 2.0, 1.5, 0.25, -0.75},
        {1.0, 0.5, -0.5, 0.0, 2.0, 1.0},
        {-0.25, 1.5, 1.0, 0.75, -1.25, 0.5},
    };
    static final double[] BASE = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    static final double[][] FISHER = {
        {1, 0.5, 2, 0, 1, 1},
        {2, 1, 0, 0, 4, 1},
        {1, 1, 1, 0, 0.25, 2},
    };
    static final double[][] GRAM_DIAG = {{2, 2, 2}, {1, 3, 1}, {4, 1, 2}};
    static final double[][] GRAM = {
        {2, 1, 0, 1, 2, 1, 0, 1, 2},
        {1, 0, 0, 0, 3, 1, 0, 1, 1},
        {4, 1, 1, 1, 1, 0, 1, 0, 2},
    };
    static final double[] ADA_COEFFICIENT = {0.5, -0.25, 1.0};
    static final double[][] DAM_COEFFICIENTS = {{0.5, 1, 0}, {0.25, 0, 1}, {0.25, -1, 2}};

    /** Fixture 2 (6 × 5). */
    static final long[] SHAPE2 = {6, 5};

    static double[] theta2(int i) {
        double[] out = new double[30];
        for (int a = 0; a < 6; a++) {
            for (int c = 0; c < 5; c++) {
                out[a * 5 + c] = (Math.floorMod(5 * a + 3 * c + 7 * i + 2 * a * c + i * a * a, 13) - 6) / 4.0;
            }
        }
        return out;
    }

    static double[] base2() {
        double[] out = new double[30];
        for (int a = 0; a < 6; a++) {
            for (int c = 0; c < 5; c++) {
                out[a * 5 + c] = (Math.floorMod(a + 2 * c, 5) - 2) / 8.0;
            }
        }
        return out;
    }

    /** G_i = θ_iᵀθ_i (5 × 5), exact. */
    static double[] gram2(int i) {
        double[] t = theta2(i);
        double[] g = new double[25];
        for (int e = 0; e < 5; e++) {
            for (int c = 0; c < 5; c++) {
                double s = 0;
                for (int a = 0; a < 6; a++) {
                    s += t[a * 5 + e] * t[a * 5 + c];
                }
                g[e * 5 + c] = s;
            }
        }
        return g;
    }

    /** The large fixture (d = 70000, shape 4 × 17500). */
    static final long[] SHAPE_L = {4, 17500};

    static double[] large(int i) {
        long key = CounterRng.key(SEED.bytes(), "fixture.big", ROOTS[i].bytes());
        double[] out = new double[70000];
        for (int j = 0; j < out.length; j++) {
            out[j] = CounterRng.u(key, j) - 0.5;
        }
        return out;
    }

    static double[] largeBase() {
        long key = CounterRng.key(SEED.bytes(), "fixture.big", Hash32.NULL_ROOT.bytes());
        double[] out = new double[70000];
        for (int j = 0; j < out.length; j++) {
            out[j] = 0.25 * (CounterRng.u(key, j) - 0.5);
        }
        return out;
    }

    /** Guard inputs S1–S3 (1-D, no base). */
    static final double[][] S1 = {{1, 2, -0.5}, {0.3, -1, 2}, {-1.3, -1, -1.5}};
    static final double[][] S2 = {{0}, {1.2e-160}, {0}};
    static final double[][] S3 = {{1, 0}, {-1, 2.8e-45}};

    static RawTensor tensor(DType dtype, long[] shape, double[] values) {
        return RawTensor.ofDoubles(dtype, shape, values);
    }

    private static Hash32 root(int b) {
        byte[] r = new byte[32];
        java.util.Arrays.fill(r, (byte) b);
        return Hash32.of(r);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private GoldenFixture() {
    }
}
