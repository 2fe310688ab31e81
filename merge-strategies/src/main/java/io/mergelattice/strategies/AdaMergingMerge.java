package io.mergelattice.strategies;

import io.mergelattice.strategies.host.ArtifactChecks;
import io.mergelattice.strategies.host.CoefficientMerge;
import io.mergelattice.strategies.host.Gram;
import io.mergelattice.strategies.host.RobustCoefficients;
import io.mergelattice.strategy.ArtifactSpec;
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
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.ArrayList;
import java.util.List;

/**
 * ada_merging (strategies spec §3.16; Yang et al., "AdaMerging: Adaptive Model Merging for Multi-Task Learning",
 * ICLR 2024, arXiv:2310.02575): one coefficient per contribution for task arithmetic. Coefficients computed offline
 * on data are supplied as the host artifact {@code ada_merging.coefficient} (one element, shape [] or [1], any
 * sign, used as given when every remaining contribution supplies one); otherwise the data-free proxy B6
 * (consensus-robust reweighting from the prior weights) runs on the Gram matrix of x_i = θ_i − o, with o = b if a
 * base is given, else θ_1.
 *
 * <p>r = b + (Σ_i ĉ_i · τ_i) with a base, else Σ_i ĉ_i · θ_i. Metadata: {@code coefficients},
 * {@code ada_merging.source} ({@code artifact} or {@code proxy}).
 */
public final class AdaMergingMerge implements MergeStrategy {
    static final String COEFFICIENT = "ada_merging.coefficient";
    private static final StrategyInfo INFO = new StrategyInfo("ada_merging", "AdaMerging (data-free proxy)",
            "Yang et al. 2024, arXiv:2310.02575", Category.IMPORTANCE, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofInt("steps", 0, 100000, 100, "iterations of the robust reweighting (B6)"),
                    ParamSpec.ofDouble("learning_rate", "(0, 1]", 0.01, "step size η of the reweighting")),
            List.of(),
            List.of(new ArtifactSpec(COEFFICIENT, false, "the contribution's coefficient, one element, any sign")),
            1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
        ArtifactChecks.requireShape(name, artifact, new long[0], new long[] {1});
        ArtifactChecks.requireFinite(name, artifact, false);
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        int n = in.n();
        double[] c;
        List<PTensor> x = null;
        String source;
        if (in.artifactUsed(COEFFICIENT)) {
            PTensor[] a = ArtifactChecks.supplied(in, COEFFICIENT);
            c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = a[i].get(0);
            }
            source = "artifact";
        } else {
            x = differences(in);
            double[][] k = Gram.of(new Ops(in), x);
            c = RobustCoefficients.compute(k, in.normalisedWeights(), params.getLong("steps"),
                    params.getDouble("learning_rate"), (double) in.size());
            source = "proxy";
        }
        PTensor r = CoefficientMerge.apply(in, c, in.base().isPresent() ? x : null);
        return new StrategyResult(r, new Metadata().put("coefficients", c).put("ada_merging.source", source));
    }

    /** x_i = θ_i − o in P with o = b if a base is given, else θ_1 (canonical first); checked finite. */
    static List<PTensor> differences(MergeInput in) throws MergeException {
        Ops ops = new Ops(in);
        PTensor o = in.base().orElse(in.theta(0));
        List<PTensor> x = new ArrayList<>(in.n());
        for (int i = 0; i < in.n(); i++) {
            PTensor xi = ops.subtract(in.theta(i), o);
            Guards.finite(xi, "difference vector " + i);
            x.add(xi);
        }
        return x;
    }
}
