package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Dare;
import io.mergelattice.strategies.blocks.Disjoint;
import io.mergelattice.strategies.blocks.Elect;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * dare_ties (strategies spec §3.8; Yu et al. 2024, arXiv:2311.03099, "DARE + TIES"; mergekit {@code dare_ties}):
 * v_i = B4 dare(τ_i, root_i, density, rescale), E = B2 elect(v, ω, method), M = B3 disjoint(v, ω, E, normalize),
 * r = b + (λ̂ · M). No magnitude trim. Streams cache-sized chunks (every step is element-wise).
 */
public final class DareTiesMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("dare_ties", "DARE + TIES",
            "Yu et al. 2024, arXiv:2311.03099; Yadav et al. 2023, arXiv:2306.01708", Category.SPARSIFICATION,
            BaseMode.REQUIRED, WeightMode.R_PLUS, "R+", Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.1, "keep probability (alias drop_rate = 1 − density)"),
                    TiesMerge.CONSENSUS, TiesMerge.NORMALIZE, DareMerge.RESCALE, TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate(), AliasSpec.majoritySignMethod()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        int c = ops.chunk();
        Disjoint disjoint = new Disjoint(ops, in.rawWeights(), Elect.of(params.getString("consensus_method")),
                params.getBool("normalize"), params.getDouble("lambda"), c);
        double density = params.getDouble("density");
        boolean rescale = params.getBool("rescale");
        long[] keys = ops.keys();
        int n = in.n();
        long d = in.size();
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        float[][] vf = ops.isF32() ? new float[n][c] : null;
        double[][] vd = ops.isF32() ? null : new double[n][c];
        float[] bf = ops.isF32() ? new float[c] : null;
        double[] bd = ops.isF32() ? null : new double[c];
        for (long j0 = 0; j0 < d; j0 += c) {
            int len = (int) Math.min(c, d - j0);
            if (vf != null) {
                ops.taskVectors(j0, len, vf);
                for (int i = 0; i < n; i++) {
                    Dare.apply(ops, vf[i], len, keys[i], j0, density, rescale);
                }
                ops.load(b, j0, bf, len);
                disjoint.apply(vf, null, bf, bf, len, j0);
                ops.store(bf, r, j0, len);
            } else {
                ops.taskVectors(j0, len, vd);
                for (int i = 0; i < n; i++) {
                    Dare.apply(ops, vd[i], len, keys[i], j0, density, rescale);
                }
                ops.load(b, j0, bd, len);
                disjoint.apply(vd, null, bd, bd, len, j0);
                ops.store(bd, r, j0, len);
            }
        }
        return StrategyResult.of(r);
    }
}
