package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Dare;
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
 * dare (strategies spec §3.6; Yu et al., "Language Models are Super Mario: Absorbing Abilities from Homologous
 * Models as a Free Lunch", ICML 2024, arXiv:2311.03099; mergekit {@code dare_linear}): v_i = B4 dare(τ_i, root_i,
 * density, rescale), acc = Σ_i ω̂_i · v_i, r = b + (λ̂ · acc). Raw weights (R): task-vector sum semantics.
 *
 * <p>Streams the tensor in cache-sized chunks: τ, the mask, the sum and the result of a chunk are computed by the
 * kernels before the next chunk is read (every step is element-wise, so the bits are those of whole tensors).
 */
public final class DareMerge implements MergeStrategy {
    static final ParamSpec RESCALE = ParamSpec.ofBool("rescale", true, "divide survivors by their keep probability");

    private static final StrategyInfo INFO = new StrategyInfo("dare", "DARE (drop and rescale)",
            "Yu et al. 2024, arXiv:2311.03099", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.R, "R",
            Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.1, "keep probability (alias drop_rate = 1 − density)"),
                    RESCALE, TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.rawWeights(), "weight");
        double lambda = ops.round(params.getDouble("lambda"), "lambda");
        double density = params.getDouble("density");
        boolean rescale = params.getBool("rescale");
        int n = in.n();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = SliceOps.key(in, in.contribution(i).root());
        }
        long d = in.size();
        MemorySegment[] v = TaskVectors.scratch(ops, n, Math.min(d, SliceOps.CHUNK));
        MemorySegment acc = ops.scratch(Math.min(d, SliceOps.CHUNK));
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        for (long j0 = 0; j0 < d; j0 += SliceOps.CHUNK) {
            long len = Math.min(SliceOps.CHUNK, d - j0);
            TaskVectors.slice(in, ops, j0, len, v);
            for (int i = 0; i < n; i++) {
                Dare.apply(ops, v[i], keys[i], j0, density, rescale, len);
            }
            ops.weightedSum(acc, w, v, len);
            ops.addScaled(ops.slice(r, j0, len), ops.slice(b, j0, len), lambda, acc, len);
        }
        return StrategyResult.of(r);
    }
}
