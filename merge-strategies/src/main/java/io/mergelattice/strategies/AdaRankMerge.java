package io.mergelattice.strategies;

import io.mergelattice.strategies.linalg.JacobiSvd;
import io.mergelattice.strategies.linalg.MatrixView;
import io.mergelattice.strategies.linalg.Reconstruction;
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
import java.util.ArrayList;
import java.util.List;

/**
 * adarank (strategies spec §3.13; Lee et al., "AdaRank: Adaptive Rank Pruning for Enhanced Model Merging",
 * ICLR 2026, arXiv:2503.22178), data-free proxy: each task matrix keeps its leading singular components that carry
 * {@code energy_threshold} of the spectral energy Σσ² ({@code target_rank = "auto"}), or a fixed number of them
 * (an integer {@code target_rank}); no rescaling. Then acc = Σ_i ŵ_i · g_i and r = b + acc.
 *
 * <p>Example: σ = (3, 1) has energy 10; threshold 0.9 needs 9 ≤ 9, so ℓ = 1. A 1-row or 1-column view is kept as
 * is (ℓ = 1); a zero task vector stays zero (ℓ = 0). Class S: reference SVD of §2.11 (backend {@code scalar-v1}).
 */
public final class AdaRankMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("adarank", "AdaRank (data-free energy proxy)",
            "Lee et al. 2026, ICLR, arXiv:2503.22178", Category.SUBSPACE, BaseMode.REQUIRED, WeightMode.N, "N",
            Randomness.NONE, DeterminismClass.S,
            List.of(ParamSpec.ofIntOrAuto("target_rank", 1, Integer.MAX_VALUE,
                            "components kept per task matrix, or \"auto\" to use energy_threshold"),
                    ParamSpec.ofDouble("energy_threshold", "(0, 1]", 0.9,
                            "fraction of Σσ² kept when target_rank = \"auto\"")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Ops ops = new Ops(in);
        boolean auto = params.isAuto("target_rank");
        List<PTensor> tau = ops.taskVectors();
        List<PTensor> g = new ArrayList<>(in.n());
        long[] ranks = new long[in.n()];
        for (int i = 0; i < in.n(); i++) {
            PTensor t = tau.get(i);
            if (in.rows() == 1 || in.cols() == 1) {
                g.add(t);
                ranks[i] = 1;
                continue;
            }
            Svd svd = JacobiSvd.decompose(MatrixView.toMatrix(t));
            double[] sigma = svd.sigma();
            double energy = 0.0;
            for (double s : sigma) {
                energy = energy + s * s;
            }
            Guards.finite(energy, "adarank spectral energy");
            if (energy == 0.0) {
                g.add(t);
                ranks[i] = 0;
                continue;
            }
            int l;
            if (auto) {
                double thresh = params.getDouble("energy_threshold") * energy;
                l = sigma.length;
                double cum = 0.0;
                for (int k = 0; k < sigma.length; k++) {
                    cum = cum + sigma[k] * sigma[k];
                    if (cum >= thresh) {
                        l = k + 1;
                        break;
                    }
                }
            } else {
                l = (int) Math.min(params.getLong("target_rank"), sigma.length);
            }
            g.add(MatrixView.roundToP(Reconstruction.reconstruct(svd, sigma, l), in, "adarank reconstruction"));
            ranks[i] = l;
        }
        PTensor acc = ops.weightedSum(in.normalisedWeights(), g, "normalised weight");
        return new StrategyResult(ops.add(in.requireBase(), acc), new Metadata().put("adarank.ranks", ranks));
    }
}
