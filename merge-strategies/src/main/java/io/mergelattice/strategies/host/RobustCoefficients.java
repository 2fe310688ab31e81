package io.mergelattice.strategies.host;

import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;

/**
 * B6 robust coefficients (strategies spec §2.17; used by ada_merging and dam): a data-free, consensus-robust
 * reweighting on the host. Starting from the normalised weights w, each step measures the mean squared distance
 * D_i of contribution i from the current coefficient mix through the Gram matrix K of the difference vectors
 * (exact algebra, no tensor pass) and moves the coefficients towards w_i / (D_i + δ), so outliers lose weight.
 *
 * <p>Worked example: K = [[0, 0], [0, 0]] (the contributions coincide) gives D = 0, the loop stops at once and
 * c = w.
 */
public final class RobustCoefficients {
    private RobustCoefficients() {
    }

    /**
     * @param k the n × n Gram matrix of the difference vectors (finite)
     * @param w the normalised weights, each in (0, 1]
     * @param steps the number of iterations (0 returns w)
     * @param eta the learning rate η in (0, 1]
     * @param m the length of the difference vectors (the element count of the group)
     */
    public static double[] compute(double[][] k, double[] w, long steps, double eta, double m) throws MergeException {
        int n = w.length;
        double[] c = w.clone();
        double[] kc = new double[n];
        double[] dist = new double[n];
        double[] g = new double[n];
        for (long step = 0; step < steps; step++) {
            // 1. Kc_i = Σseq_l K_il × c_l; q = Σseq_i c_i × Kc_i.
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int l = 0; l < n; l++) {
                    s = s + k[i][l] * c[l];
                }
                kc[i] = Guards.finite(s, "B6 Kc[" + i + "]");
            }
            double q = 0.0;
            for (int i = 0; i < n; i++) {
                q = q + c[i] * kc[i];
            }
            Guards.finite(q, "B6 q");
            // 2.–3. D_i = max(0, (q − 2·Kc_i) + K_ii) / m; Dmax = max_i D_i.
            double dmax = 0.0;
            for (int i = 0; i < n; i++) {
                dist[i] = Guards.finite(Math.max(0.0, (q - 2.0 * kc[i]) + k[i][i]) / m, "B6 D[" + i + "]");
                dmax = Math.max(dmax, dist[i]);
            }
            if (dmax == 0.0) {
                break; // all contributions coincide with the current mix
            }
            // 4. δ = max(1e−6 × Dmax, 2^−1022); g_i = w_i / (D_i + δ); move c towards g / Σ g; renormalise.
            double delta = Math.max(1e-6 * dmax, Double.MIN_NORMAL);
            double gs = 0.0;
            for (int i = 0; i < n; i++) {
                g[i] = Guards.finite(w[i] / (dist[i] + delta), "B6 g[" + i + "]");
                gs = gs + g[i];
            }
            Guards.finite(gs, "B6 Gs");
            for (int i = 0; i < n; i++) {
                c[i] = Guards.finite(c[i] + eta * (g[i] / gs - c[i]), "B6 c[" + i + "]");
            }
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s = s + c[i];
            }
            for (int i = 0; i < n; i++) {
                c[i] = Guards.finite(c[i] / s, "B6 c[" + i + "]");
            }
        }
        return c;
    }
}
