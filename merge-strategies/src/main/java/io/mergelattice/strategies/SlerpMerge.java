package io.mergelattice.strategies;

import io.mergelattice.strategies.host.SphericalMean;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.ArrayList;
import java.util.List;

/**
 * slerp (strategies spec §3.2): spherical linear interpolation (Shoemake, SIGGRAPH 1985) generalised to n points as
 * the weighted spherical (Karcher/Fréchet) mean of the directions (Buss &amp; Fillmore, ACM TOG 2001; mergekit
 * {@code karcher}, {@code multislerp}), with the magnitude set to the weighted mean of the norms. With a base it
 * interpolates task vectors and adds b back. One Gram pass, the n × n iteration on the host, one output pass.
 *
 * <p>Zero-norm contributions have no direction: they are excluded from J but contribute their weight to the target
 * magnitude M. Guards (q(α) not finite or ‖α‖_C &lt; 1e−6, near-antipodal pairs) take the linear fallback
 * r = Σ_i ŵ_i · x_i (+ b). Metadata: {@code coefficients} (γ, or w on the fallback), {@code slerp.fallback},
 * {@code slerp.iterations}.
 */
public final class SlerpMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("slerp", "SLERP (weighted spherical mean)",
            "Shoemake 1985 (SIGGRAPH); Buss & Fillmore 2001 (ACM TOG); mergekit karcher/multislerp",
            Category.INTERPOLATION, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofInt("max_iter", 0, 10000, 100, "maximum Karcher iterations (mergekit karcher)"),
                    ParamSpec.ofDouble("tol", "(0, 0.1]", 1e-12,
                            "angle below which a direction is at the mean, and step norm that stops the iteration")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Ops ops = new Ops(in);
        int n = in.n();
        boolean hasBase = in.base().isPresent();
        List<PTensor> x = hasBase ? ops.taskVectors() : ops.thetas();
        if (hasBase) {
            for (int i = 0; i < n; i++) {
                Guards.finite(x.get(i), "task vector " + i);
            }
        }
        double[] w = in.normalisedWeights();
        // 1. N_i = ‖x_i‖; M = Σseq_i w_i × N_i.
        double[] norms = new double[n];
        double target = 0.0;
        List<Integer> j = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            norms[i] = Guards.finite(ops.norm(x.get(i)), "norm of contribution " + i);
            target = Guards.finite(target + w[i] * norms[i], "target magnitude M");
            if (norms[i] > 0.0) {
                j.add(i);
            }
        }
        int m = j.size();
        double[] gamma = new double[n];
        long iterations = 0;
        if (m == 1) {
            gamma[j.getFirst()] = Guards.finite(target / norms[j.getFirst()], "coefficient");
        } else if (m >= 2) {
            // 3. v_a = w_J(a) / Σseq_{i∈J} w_i; cosine matrix C over J.
            double wj = 0.0;
            for (int i : j) {
                wj = wj + w[i];
            }
            double[] v = new double[m];
            double[][] c = new double[m][m];
            for (int a = 0; a < m; a++) {
                v[a] = w[j.get(a)] / wj;
                c[a][a] = 1.0;
                for (int b = a + 1; b < m; b++) {
                    double dot = Guards.finite(ops.dot(x.get(j.get(a)), x.get(j.get(b))), "dot product");
                    double den = Guards.finite(norms[j.get(a)] * norms[j.get(b)], "product of norms");
                    c[a][b] = Math.max(-1.0, Math.min(1.0, Guards.finite(dot / den, "cosine")));
                    c[b][a] = c[a][b];
                }
            }
            SphericalMean mean = new SphericalMean(c, v);
            double[] alpha = m == 2 ? mean.closedForm() : mean.karcher(params.getLong("max_iter"),
                    params.getDouble("tol"));
            iterations = mean.iterations();
            if (alpha == null) {
                PTensor r = ops.weightedSum(w, x, "normalised weight");
                return result(hasBase ? ops.add(in.requireBase(), r) : r, w, true, iterations);
            }
            for (int a = 0; a < m; a++) {
                int i = j.get(a);
                gamma[i] = Guards.finite(Guards.finite(target * alpha[a], "coefficient") / norms[i], "coefficient");
            }
        }
        // 6. r = Σ_{i∈J} γ̂_i · x_i (+ b).
        double[] gj = new double[m];
        List<PTensor> xj = new ArrayList<>(m);
        for (int a = 0; a < m; a++) {
            gj[a] = gamma[j.get(a)];
            xj.add(x.get(j.get(a)));
        }
        PTensor r = ops.weightedSum(gj, xj, "slerp coefficient");
        return result(hasBase ? ops.add(in.requireBase(), r) : r, gamma, false, iterations);
    }

    private static StrategyResult result(PTensor r, double[] coefficients, boolean fallback, long iterations) {
        return new StrategyResult(r, new Metadata().put("coefficients", coefficients).put("slerp.fallback", fallback)
                .put("slerp.iterations", iterations));
    }
}
