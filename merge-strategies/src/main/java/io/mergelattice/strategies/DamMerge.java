package io.mergelattice.strategies;

import io.mergelattice.strategies.host.ArtifactChecks;
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
import io.mergelattice.strategy.Precision;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * dam (strategies spec §3.17; Gauthier-Caron et al., "Merging in a Bottle: Differentiable Adaptive Merging (DAM)
 * and the Path from Averaging to Automation", 2024, arXiv:2410.08371): a scaling coefficient per column of the
 * matrix view and per contribution (merged W = Σ_i W_i·diag(c_i)). Coefficients learned with data come as the host
 * artifact {@code dam.coefficients} (shape [g], g = cols for ndim ≥ 2, else 1; any sign); otherwise the data-free
 * B6 proxy runs per column group on the Gram matrix of x_i = θ_i − o restricted to the group (o = b, else θ_1).
 *
 * <p>acc_j = Σ_i ĉ^g_i · y_ij with y = τ (base given) or θ; r_j = b_j + acc_j or acc_j. Metadata:
 * {@code coefficients} (one vector per group, in group order), {@code dam.source}.
 */
public final class DamMerge implements MergeStrategy {
    static final String COEFFICIENTS = "dam.coefficients";
    private static final StrategyInfo INFO = new StrategyInfo("dam", "DAM (per-column coefficients)",
            "Gauthier-Caron et al. 2024, arXiv:2410.08371", Category.IMPORTANCE, BaseMode.OPTIONAL,
            WeightMode.N_PLUS, "N+", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofInt("steps", 0, 100000, 50, "iterations of the robust reweighting (B6) per column"),
                    ParamSpec.ofDouble("learning_rate", "(0, 1]", 0.01, "step size η of the reweighting")),
            List.of(),
            List.of(new ArtifactSpec(COEFFICIENTS, false, "one coefficient per column group, shape [g], any sign")),
            1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    /** g = cols of the matrix view for ndim ≥ 2, else 1. */
    static long groups(long[] shape) {
        if (shape.length < 2) {
            return 1;
        }
        long d = 1;
        for (long s : shape) {
            d = Math.multiplyExact(d, s);
        }
        return shape[0] == 0 ? 0 : d / shape[0];
    }

    @Override
    public void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
        ArtifactChecks.requireShape(name, artifact, new long[] {groups(shape)});
        ArtifactChecks.requireFinite(name, artifact, false);
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Precision p = in.precision();
        int n = in.n();
        boolean perColumn = in.shape().length >= 2;
        int g = Math.toIntExact(groups(in.shape()));
        double[][] c = new double[g][n];
        List<PTensor> x = null;
        String source;
        if (in.artifactUsed(COEFFICIENTS)) {
            PTensor[] a = ArtifactChecks.supplied(in, COEFFICIENTS);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < g; k++) {
                    c[k][i] = a[i].get(k);
                }
            }
            source = "artifact";
        } else {
            x = AdaMergingMerge.differences(in);
            double[][][] grams = perColumn ? Gram.perColumn(x, in.rows(), in.cols())
                    : new double[][][] {Gram.of(new Ops(in), x)};
            double m = perColumn ? (double) in.rows() : (double) in.size();
            double[] w = in.normalisedWeights();
            long steps = params.getLong("steps");
            double eta = params.getDouble("learning_rate");
            for (int k = 0; k < g; k++) {
                c[k] = RobustCoefficients.compute(grams[k], w, steps, eta, m);
            }
            source = "proxy";
        }
        double[][] cHat = new double[g][n];
        for (int k = 0; k < g; k++) {
            for (int i = 0; i < n; i++) {
                cHat[k][i] = Guards.roundFinite(p, c[k][i], "coefficient of group " + k);
            }
        }
        boolean hasBase = in.base().isPresent();
        List<PTensor> y = hasBase ? (x != null ? x : new Ops(in).taskVectors()) : new Ops(in).thetas();
        PTensor b = hasBase ? in.requireBase() : null;
        PTensor out = in.zeros();
        long d = in.size();
        long cols = in.cols();
        for (long j = 0; j < d; j++) {
            double[] cj = cHat[perColumn ? (int) (j % cols) : 0];
            double acc = 0.0;
            for (int i = 0; i < n; i++) {
                acc = p.round(acc + p.round(cj[i] * y.get(i).get(j)));
            }
            out.set(j, hasBase ? b.get(j) + acc : acc); // set rounds b_j + acc_j to P
        }
        return new StrategyResult(out, new Metadata().put("coefficients", c).put("dam.source", source));
    }
}
