package io.mergelattice.strategies;

import io.mergelattice.strategies.linalg.SpectralTruncation;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
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
        boolean auto = params.isAuto("target_rank");
        return SpectralTruncation.merge(in, "adarank", sigma -> {
            double energy = 0.0;
            for (double s : sigma) {
                energy = energy + s * s;
            }
            Guards.finite(energy, "adarank spectral energy");
            if (energy == 0.0) {
                return null;
            }
            int l = auto
                    ? SpectralTruncation.firstReaching(sigma, true, params.getDouble("energy_threshold") * energy)
                    : (int) Math.min(params.getLong("target_rank"), sigma.length);
            return new SpectralTruncation.Kept(l, sigma);
        });
    }
}
