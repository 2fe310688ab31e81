package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Disjoint;
import io.mergelattice.strategies.blocks.Elect;
import io.mergelattice.strategies.blocks.MagPrune;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskVectors;
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
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * della (strategies spec §3.7; Deep, Bhardwaj &amp; Poria, "DELLA-Merging: Reducing Interference in Model Merging
 * through Magnitude-Based Sampling", 2024, arXiv:2406.11617; mergekit {@code della}): v_i = B5 magprune(τ_i, root_i,
 * density, ε, rescale) per row of the matrix view, E = B2 elect(v, ω, method), M = B3 disjoint(v, ω, E, normalize),
 * r = b + (λ̂ · M). Streams one row at a time (B5's ranks are per row; every other step is element-wise).
 */
public final class DellaMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("della", "DELLA-Merging (MagPrune)",
            "Deep, Bhardwaj & Poria 2024, arXiv:2406.11617", Category.SPARSIFICATION, BaseMode.REQUIRED,
            WeightMode.R_PLUS, "R+", Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.7, "mean keep probability (alias drop_rate = 1 − density)"),
                    ParamSpec.ofDouble("epsilon", "[0, 0.5)", 0.15, "half-width of the keep-probability window"),
                    TiesMerge.CONSENSUS, TiesMerge.NORMALIZE,
                    ParamSpec.ofBool("rescale", true, "divide each survivor by its own keep probability"),
                    TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate(), AliasSpec.majoritySignMethod()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        Disjoint disjoint = new Disjoint(ops, in.rawWeights(), Elect.of(params.getString("consensus_method")),
                params.getBool("normalize"), params.getDouble("lambda"));
        long rows = in.rows();
        long cols = in.cols();
        MagPrune prune = new MagPrune(ops, params.getDouble("density"), params.getDouble("epsilon"),
                params.getBool("rescale"), cols);
        int n = in.n();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = SliceOps.key(in, in.contribution(i).root());
        }
        MemorySegment[] v = TaskVectors.scratch(ops, n, cols);
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        for (long a = 0; a < rows; a++) {
            long first = a * cols;
            TaskVectors.slice(in, ops, first, cols, v);
            for (int i = 0; i < n; i++) {
                prune.applyRow(v[i], keys[i], first);
            }
            disjoint.apply(v, null, ops.slice(b, first, cols), ops.slice(r, first, cols), cols, first);
        }
        return StrategyResult.of(r);
    }
}
