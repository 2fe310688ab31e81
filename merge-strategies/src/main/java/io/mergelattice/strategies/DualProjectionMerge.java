package io.mergelattice.strategies;

import io.mergelattice.strategies.linalg.JacobiSvd;
import io.mergelattice.strategies.linalg.Svd;
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
import java.util.List;

/**
 * dual_projection (strategies spec §3.26; Yang et al., "Continual Model Merging without Data: Dual Projections for
 * Balancing Stability and Plasticity", NeurIPS 2025), data-free proxy: every task vector is split into its
 * projection onto the subspace shared by the set (the top-k eigenvectors of the n × n Gram matrix of the task
 * vectors, k = rint(ρ·min(n, d)) clamped to [1, min(n, d)]) and a remainder damped by (1 − λ). The result is
 * b + Σ_l â_l · τ_l with host coefficients a_l = ((1 − λ) × w_l) + (λ × Σseq_i Pm_li × w_i), Pm = V_k V_kᵀ.
 *
 * <p>Without a base the task vectors around the implicit mean sum to zero and the strategy is exactly
 * weight_average (metadata {@code baseUsed = false}). Class E: the only decomposition is the reference Jacobi SVD
 * of §2.11 applied to the n × n Gram matrix on the host, so every backend gives the same bits.
 */
public final class DualProjectionMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("dual_projection", "Dual projection (data-free)",
            "Yang et al. 2025, NeurIPS (Continual Model Merging without Data: Dual Projections)", Category.CONTINUAL,
            BaseMode.OPTIONAL, WeightMode.N, "N", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("stability_weight", "[0, 1]", 0.5,
                            "λ: damping of the task-specific components"),
                    ParamSpec.ofDouble("rank_fraction", "(0, 1]", 0.5, "ρ: size of the shared subspace")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        if (in.base().isEmpty()) {
            return new StrategyResult(WeightAverageMerge.average(in), new Metadata().put("baseUsed", false));
        }
        Ops ops = new Ops(in);
        int n = in.n();
        double lambda = params.getDouble("stability_weight");
        double rho = params.getDouble("rank_fraction");
        double[] w = in.normalisedWeights();
        List<PTensor> tau = ops.taskVectors();
        // Step 2: G = Gram(τ_1..τ_n), K_il for i ≤ l, mirrored; its Jacobi SVD gives the eigenvectors V.
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int l = i; l < n; l++) {
                gram[i][l] = Guards.finite(ops.dot(tau.get(i), tau.get(l)), "dual_projection Gram entry");
                gram[l][i] = gram[i][l];
            }
        }
        double[][] v = JacobiSvd.decompose(gram).v();
        // Step 3: k = min(rk, max(1, rint(ρ × rk))), rk = min(n, d).
        long rk = Math.min(n, in.size());
        int k = (int) Math.min(rk, Math.max(1L, (long) Math.rint(rho * (double) rk)));
        // Step 4: Pm_li = Σseq_{m<k} V[l][m] × V[i][m]; a_l = ((1 − λ) × w_l) + (λ × Σseq_i Pm_li × w_i).
        double[] a = new double[n];
        for (int l = 0; l < n; l++) {
            double proj = 0.0;
            for (int i = 0; i < n; i++) {
                double pm = 0.0;
                for (int m = 0; m < k; m++) {
                    pm = pm + v[l][m] * v[i][m];
                }
                proj = proj + pm * w[i];
            }
            a[l] = Guards.finite(((1.0 - lambda) * w[l]) + (lambda * proj), "dual_projection coefficient");
        }
        // Step 5: r = b + (Σ_l â_l · τ_l).
        PTensor acc = ops.weightedSum(a, tau, "dual_projection coefficient");
        Metadata meta = new Metadata().put("baseUsed", true).put("coefficients", a)
                .put("dual_projection.k", (long) k);
        return new StrategyResult(ops.add(in.requireBase(), acc), meta);
    }
}
