package io.mergelattice.strategies.linalg;

/**
 * The reconstruction of strategies spec §2.11.3: from the first ℓ components of an SVD with singular values s'_k,
 * X[a][c] = Σseq_{k=0..ℓ−1} ((U[a][k] × s'_k) × V[c][k]) in double, one running sum from 0.0 per element. The
 * caller rounds to P element by element.
 */
public final class Reconstruction {
    private Reconstruction() {
    }

    /** X (m × n, row-major flat: element a·n + c) from the first {@code l} components with values {@code s}. */
    public static double[] reconstruct(Svd svd, double[] s, int l) {
        double[][] u = svd.u();
        double[][] v = svd.v();
        int m = u.length;
        int n = v.length;
        double[] x = new double[Math.multiplyExact(m, n)];
        double[] us = new double[l];
        for (int a = 0; a < m; a++) {
            double[] ua = u[a];
            for (int k = 0; k < l; k++) {
                us[k] = ua[k] * s[k];
            }
            for (int c = 0; c < n; c++) {
                double[] vc = v[c];
                double sum = 0.0;
                for (int k = 0; k < l; k++) {
                    sum = sum + us[k] * vc[k];
                }
                x[a * n + c] = sum;
            }
        }
        return x;
    }
}
