package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Dare;
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
 * dare (strategies spec §3.6; Yu et al., "Language Models are Super Mario: Absorbing Abilities from Homologous
 * Models as a Free Lunch", ICML 2024, arXiv:2311.03099; mergekit {@code dare_linear}): v_i = B4 dare(τ_i, root_i,
 * density, rescale), acc = Σ_i ω̂_i · v_i, r = b + (λ̂ · acc). Raw weights (R): task-vector sum semantics.
 *
 * <p>Streams the tensor in cache-sized chunks: τ, the masks and the sum of a chunk are computed by the kernels before
 * the next chunk is read (every step is element-wise, so the bits are those of whole tensors).
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
        long[] keys = ops.keys();
        int n = in.n();
        int c = ops.chunk();
        long d = in.size();
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        if (ops.isF32()) {
            float[][] v = new float[n][c];
            float[] acc = new float[c];
            float[] bb = new float[c];
            float[] wf = SliceOps.floats(w);
            float lam = (float) lambda;
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, v);
                for (int i = 0; i < n; i++) {
                    Dare.apply(ops, v[i], len, keys[i], j0, density, rescale);
                }
                SliceOps.weightedSum(acc, wf, v, len);
                ops.load(b, j0, bb, len);
                addScaled(bb, lam, acc, len);
                ops.store(bb, r, j0, len);
            }
        } else {
            double[][] v = new double[n][c];
            double[] acc = new double[c];
            double[] bb = new double[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, v);
                for (int i = 0; i < n; i++) {
                    Dare.apply(ops, v[i], len, keys[i], j0, density, rescale);
                }
                SliceOps.weightedSum(acc, w, v, len);
                ops.load(b, j0, bb, len);
                addScaled(bb, lambda, acc, len);
                ops.store(bb, r, j0, len);
            }
        }
        return StrategyResult.of(r);
    }

    /** b_j ← b_j + (λ̂ · acc_j). */
    private static void addScaled(float[] b, float lam, float[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] + lam * acc[j];
        }
    }

    private static void addScaled(double[] b, double lam, double[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] + lam * acc[j];
        }
    }
}
