package io.mergelattice.strategies;

import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
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
import java.util.Set;

/**
 * weight_scope_alignment (strategies spec §3.22; Xu et al., "Weight Scope Alignment: A Frustratingly Easy Method
 * for Model Merging", 2024, arXiv:2408.12237). Every contribution is normalised to a common scope (z-score, min–max
 * or unit norm), the normalised tensors are summed with the normalised weights, and the sum is mapped to the target
 * scope: the weighted mean of the contributions' statistics, or the base's ({@code target_distribution=base}, which
 * needs a base; only then is the base read). A contribution with zero spread (≤ 1e−12) is skipped in the sum but
 * its statistics still enter the targets.
 *
 * <p>Example (zscore, n = 1): y = (θ − μ̂)·(1/σ)^, r = (y · σ̂) + μ̂ = θ up to rounding.
 */
public final class WeightScopeAlignmentMerge implements MergeStrategy {
    private static final double DEGENERATE = 1e-12;
    private static final StrategyInfo INFO = new StrategyInfo("weight_scope_alignment", "Weight scope alignment",
            "Xu et al. 2024, arXiv:2408.12237", Category.CALIBRATION, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofEnum("scope_method", List.of("zscore", "minmax", "unit"), "zscore",
                            "the common scope every contribution is normalised to"),
                    ParamSpec.ofEnum("target_distribution", List.of("mean", "base"), "mean",
                            "weighted mean of the contributions' scopes, or the base's (needs a base)")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    private static boolean baseTarget(Params params) {
        return params.getString("target_distribution").equals("base");
    }

    @Override
    public boolean requiresBase(Params params) {
        return baseTarget(params);
    }

    @Override
    public boolean readsBase(Params params, Set<String> suppliedByAll) {
        return baseTarget(params);
    }

    /** μ, σ, lo, hi, ν of one tensor (doubles, §2.7; min and max exact, a zero as +0.0). */
    private record Stats(double mean, double std, double lo, double hi, double norm) {
        static Stats of(Ops ops, PTensor t) throws MergeException {
            double lo = t.get(0);
            double hi = lo;
            for (long j = 1; j < t.size(); j++) {
                double x = t.get(j);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            return new Stats(Guards.finite(ops.mean(t), "mean"),
                    Math.sqrt(Guards.finite(ops.variance(t), "variance")), lo + 0.0, hi + 0.0,
                    Guards.finite(ops.norm(t), "norm"));
        }
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Ops ops = new Ops(in);
        Precision p = in.precision();
        String method = params.getString("scope_method");
        double[] w = in.normalisedWeights();
        Stats[] stats = new Stats[in.n()];
        for (int i = 0; i < in.n(); i++) {
            stats[i] = Stats.of(ops, in.theta(i));
        }
        // Step 2: target statistics.
        Stats target;
        if (baseTarget(params)) {
            target = Stats.of(ops, in.requireBase());
        } else {
            double tm = 0.0, ts = 0.0, tlo = 0.0, thi = 0.0, tn = 0.0;
            for (int i = 0; i < in.n(); i++) {
                tm = tm + w[i] * stats[i].mean();
                ts = ts + w[i] * stats[i].std();
                tlo = tlo + w[i] * stats[i].lo();
                thi = thi + w[i] * stats[i].hi();
                tn = tn + w[i] * stats[i].norm();
            }
            target = new Stats(Guards.finite(tm, "target mean"), Guards.finite(ts, "target std"),
                    Guards.finite(tlo, "target min"), Guards.finite(thi, "target max"),
                    Guards.finite(tn, "target norm"));
        }
        // Step 3: N = Σ_i y_i in P, skipping degenerate contributions.
        PTensor sum = in.zeros();
        for (int i = 0; i < in.n(); i++) {
            Stats s = stats[i];
            double spread = switch (method) {
                case "zscore" -> s.std();
                case "minmax" -> s.hi() - s.lo();
                default -> s.norm();
            };
            if (!(spread > DEGENERATE)) {
                continue;
            }
            double shift = switch (method) {
                case "zscore" -> Guards.roundFinite(p, s.mean(), "mean");
                case "minmax" -> Guards.roundFinite(p, s.lo(), "min");
                default -> 0.0;
            };
            double c = Guards.roundFinite(p, w[i] / spread, "scope coefficient");
            boolean centred = !method.equals("unit");
            PTensor t = in.theta(i);
            for (long j = 0; j < t.size(); j++) {
                double x = centred ? p.round(t.get(j) - shift) : t.get(j);
                sum.set(j, sum.get(j) + p.round(x * c));
            }
        }
        // Step 4: map to the target scope.
        double scale = switch (method) {
            case "zscore" -> Guards.roundFinite(p, target.std(), "target std");
            case "minmax" -> Guards.roundFinite(p, target.hi() - target.lo(), "target range");
            default -> Guards.roundFinite(p, target.norm(), "target norm");
        };
        double offset = switch (method) {
            case "zscore" -> Guards.roundFinite(p, target.mean(), "target mean");
            case "minmax" -> Guards.roundFinite(p, target.lo(), "target min");
            default -> 0.0;
        };
        PTensor r = in.zeros();
        for (long j = 0; j < r.size(); j++) {
            double y = p.round(sum.get(j) * scale);
            r.set(j, method.equals("unit") ? y : y + offset);
        }
        return StrategyResult.of(r);
    }
}
