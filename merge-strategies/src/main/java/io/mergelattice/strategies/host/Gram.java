package io.mergelattice.strategies.host;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import java.util.List;

/**
 * Gram matrices of tensors in P (strategies spec §2.7): K_il = dot(x_i, x_l), computed for i ≤ l and mirrored.
 * Every entry is a canonical reduction and must be finite (§2.13).
 */
public final class Gram {
    private Gram() {
    }

    /** The n × n Gram matrix over all d elements, on the selected kernels backend. */
    public static double[][] of(Ops ops, List<PTensor> x) throws MergeException {
        int n = x.size();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int l = i; l < n; l++) {
                double v = Guards.finite(ops.dot(x.get(i), x.get(l)), "Gram entry K[" + i + "][" + l + "]");
                k[i][l] = v;
                k[l][i] = v;
            }
        }
        return k;
    }

    /**
     * One Gram matrix per column of the matrix view (rows × cols, §2.9): K[c][i][l] = R_a(x_i[a][c] × x_l[a][c])
     * over a = 0 … rows − 1 in increasing a (dam's column groups, §3.17).
     */
    public static double[][][] perColumn(List<PTensor> x, long rows, long cols) throws MergeException {
        int n = x.size();
        int nc = Math.toIntExact(cols);
        int block = CanonicalReduction.BLOCK;
        int blocks = Math.toIntExact((rows + block - 1) / block);
        double[][][] k = new double[nc][n][n];
        double[] run = new double[nc];
        double[][] sums = new double[nc][blocks];
        for (int i = 0; i < n; i++) {
            PTensor xi = x.get(i);
            for (int l = i; l < n; l++) {
                PTensor xl = x.get(l);
                java.util.Arrays.fill(run, 0.0);
                for (long a = 0; a < rows; a++) {
                    long base = a * cols;
                    for (int c = 0; c < nc; c++) {
                        run[c] = run[c] + xi.get(base + c) * xl.get(base + c);
                    }
                    if ((a + 1) % block == 0 || a == rows - 1) {
                        int b = (int) (a / block);
                        for (int c = 0; c < nc; c++) {
                            sums[c][b] = run[c];
                            run[c] = 0.0;
                        }
                    }
                }
                for (int c = 0; c < nc; c++) {
                    double v = Guards.finite(CanonicalReduction.tree(sums[c]),
                            "Gram entry K[" + i + "][" + l + "] of column " + c);
                    k[c][i][l] = v;
                    k[c][l][i] = v;
                }
            }
        }
        return k;
    }
}
