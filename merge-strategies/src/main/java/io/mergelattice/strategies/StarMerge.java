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
 * star (strategies spec §3.11; Lee et al., "STAR: Spectral Truncation and Rescale for Model Merging", NAACL 2025,
 * arXiv:2502.10339). Each task matrix keeps its smallest number ℓ of leading singular components whose singular
 * values reach eta % of the nuclear norm; the kept values are rescaled by total/kept so the nuclear norm is
 * preserved. Then acc = Σ_i ŵ_i · g_i and r = b + acc.
 *
 * <p>Example: σ = (3, 1) with eta = 40 keeps ℓ = 1 (3 ≥ 1.6) and rescales it to 4. A 1-row or 1-column view has
 * rank ≤ 1 and is kept as is (ℓ = 1); a zero task vector stays zero (ℓ = 0). Class S: the SVD is the reference
 * algorithm of §2.11 (backend {@code scalar-v1}).
 */
public final class StarMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("star", "STAR (spectral truncation and rescale)",
            "Lee et al. 2025, NAACL, arXiv:2502.10339", Category.SUBSPACE, BaseMode.REQUIRED, WeightMode.N, "N",
            Randomness.NONE, DeterminismClass.S,
            List.of(ParamSpec.ofDouble("eta", "(0, 100]", 40.0,
                    "percentage of the nuclear norm kept by the truncation (the authors' default)")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        double eta = params.getDouble("eta");
        return SpectralTruncation.merge(in, "star", sigma -> {
            double total = 0.0;
            for (double s : sigma) {
                total = total + s;
            }
            Guards.finite(total, "star nuclear norm");
            if (total == 0.0) {
                return null;
            }
            double thresh = Guards.finite((total * eta) / 100.0, "star threshold");
            int l = SpectralTruncation.firstReaching(sigma, false, thresh);
            double kept = 0.0;
            for (int k = 0; k < l; k++) {
                kept = kept + sigma[k];
            }
            double scale = total / kept; // kept ≥ σ_0 > 0
            double[] rescaled = new double[l];
            for (int k = 0; k < l; k++) {
                rescaled[k] = Guards.finite(sigma[k] * scale, "star rescaled singular value");
            }
            return new SpectralTruncation.Kept(l, rescaled);
        });
    }
}
