package io.mergelattice.strategies;

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
import io.mergelattice.strategy.Precision;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * representation_surgery (strategies spec §3.23; Yang et al., "Representation Surgery for Multi-Task Model
 * Merging", ICML 2024, arXiv:2402.02705), data-free proxy by moment matching in weight space: the merged (task)
 * vector m = Σ_i ŵ_i · x_i is rescaled so that its mean and variance equal the weighted means μ̄ and v̄ of the
 * contributions' means and variances: y = ((m − μ̂_m) · ŝ) + μ̄̂ with s = √(v̄ / v_m). This counteracts the variance
 * collapse of averaging nearly independent task vectors. x_i = τ_i with a base (then r = b + y), else θ_i.
 *
 * <p>Guards: a constant merged vector (v_m ≤ 0) is returned unchanged; if ŝ = round_P(s) is +∞ (v_m so small that
 * the scale is not representable in P) there is no correction either. Metadata
 * {@code representation_surgery.corrected} says whether the correction was applied.
 */
public final class RepresentationSurgeryMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("representation_surgery",
            "Representation surgery (moment matching)", "Yang et al. 2024, ICML, arXiv:2402.02705",
            Category.CALIBRATION, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofEnum("correction_method", List.of("rescale"), "rescale",
                    "moment matching of the merged vector (the only method)")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Ops ops = new Ops(in);
        Precision p = in.precision();
        double[] w = in.normalisedWeights();
        List<PTensor> x = in.base().isPresent() ? ops.taskVectors() : ops.thetas();
        // Step 1: m = Σ_i ŵ_i · x_i.
        PTensor m = ops.weightedSum(w, x, "normalised weight");
        // Step 2: target moments (doubles).
        double meanBar = 0.0;
        double varBar = 0.0;
        for (int i = 0; i < in.n(); i++) {
            meanBar = meanBar + w[i] * Guards.finite(ops.mean(x.get(i)), "mean");
            varBar = varBar + w[i] * Guards.finite(ops.variance(x.get(i)), "variance");
        }
        Guards.finite(meanBar, "weighted mean");
        Guards.finite(varBar, "weighted variance");
        double meanM = Guards.finite(ops.mean(m), "mean of the merged vector");
        double varM = Guards.finite(ops.variance(m), "variance of the merged vector");
        // Step 3: the correction, with the guards v_m ≤ 0 and ŝ = +∞ (s and ŝ may overflow here).
        PTensor y = m;
        boolean corrected = false;
        if (varM > 0.0) {
            double sHat = p.round(Math.sqrt(varBar / varM));
            if (sHat != Double.POSITIVE_INFINITY) {
                double meanMHat = Guards.roundFinite(p, meanM, "mean of the merged vector");
                double meanBarHat = Guards.roundFinite(p, meanBar, "weighted mean");
                y = in.zeros();
                for (long j = 0; j < y.size(); j++) {
                    double centred = p.round(m.get(j) - meanMHat);
                    y.set(j, p.round(centred * sHat) + meanBarHat);
                }
                corrected = true;
            }
        }
        // Step 4.
        PTensor r = in.base().isPresent() ? ops.add(in.requireBase(), y) : y;
        return new StrategyResult(r, new Metadata().put("representation_surgery.corrected", corrected));
    }
}
