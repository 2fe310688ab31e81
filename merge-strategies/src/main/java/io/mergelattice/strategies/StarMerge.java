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
        Ops ops = new Ops(in);
        double eta = params.getDouble("eta");
        List<PTensor> tau = ops.taskVectors();
        List<PTensor> g = new ArrayList<>(in.n());
        long[] ranks = new long[in.n()];
        for (int i = 0; i < in.n(); i++) {
            PTensor t = tau.get(i);
            if (in.rows() == 1 || in.cols() == 1) {
                g.add(t); // rank ≤ 1: truncation is the identity
                ranks[i] = 1;
                continue;
            }
            Svd svd = JacobiSvd.decompose(MatrixView.toMatrix(t));
            double[] sigma = svd.sigma();
            double total = 0.0;
            for (double s : sigma) {
                total = total + s;
            }
            Guards.finite(total, "star nuclear norm");
            if (total == 0.0) {
                g.add(t);
                ranks[i] = 0;
                continue;
            }
            double thresh = Guards.finite((total * eta) / 100.0, "star threshold");
            int l = sigma.length;
            double cum = 0.0;
            for (int k = 0; k < sigma.length; k++) {
                cum = cum + sigma[k];
                if (cum >= thresh) {
                    l = k + 1;
                    break;
                }
            }
            double kept = 0.0;
            for (int k = 0; k < l; k++) {
                kept = kept + sigma[k];
            }
            double scale = total / kept; // kept ≥ σ_0 > 0
            double[] rescaled = new double[l];
            for (int k = 0; k < l; k++) {
                rescaled[k] = Guards.finite(sigma[k] * scale, "star rescaled singular value");
            }
            g.add(MatrixView.roundToP(Reconstruction.reconstruct(svd, rescaled, l), in, "star reconstruction"));
            ranks[i] = l;
        }
        PTensor acc = ops.weightedSum(in.normalisedWeights(), g, "normalised weight");
        return new StrategyResult(ops.add(in.requireBase(), acc), new Metadata().put("star.ranks", ranks));
    }
}
