package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.DisjointStream;
import io.mergelattice.strategies.blocks.Masks;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskSumStream;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
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
 * negative_merge (strategies spec §3.20; Kim, Han &amp; Choe, "NegMerge: Sign-Consensual Weight Merging for Machine
 * Unlearning", ICML 2025, arXiv:2410.05583): keep the positions where every τ_ij ≥ 0 or every τ_ij ≤ 0 (zeros agree
 * with both), acc = Σ_i [consensus_j] (ŵ_i · τ_ij), and subtract: r = b − (λ̂ · acc), streamed by
 * {@link TaskSumStream} as b + ((−λ̂) · acc), which is the same bits.
 */
public final class NegativeMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("negative_merge", "NegMerge (sign-consensual negation)",
            "Kim, Han & Choe 2025, arXiv:2410.05583", Category.UNLEARNING, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("lambda", "finite", 1.0, "scale of the subtracted task vector (alias scaling)")),
            List.of(new AliasSpec("scaling", "lambda", AliasSpec.Kind.IDENTITY)), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.normalisedWeights(), "normalised weight");
        double lambda = ops.round(params.getDouble("lambda"), "lambda");
        return StrategyResult.of(TaskSumStream.run(ops, w, -lambda, o -> new Consensus(o.chunk())));
    }

    /** τ_ij ← τ_ij · [consensus_j] (+0.0 or −0.0 where the signs disagree, which then adds like a skip, §2.6). */
    private static final class Consensus implements DisjointStream.Sparsifier {
        private final float[] lof;
        private final float[] hif;
        private final double[] lod;
        private final double[] hid;

        Consensus(int c) {
            lof = new float[c];
            hif = new float[c];
            lod = new double[c];
            hid = new double[c];
        }

        @Override
        public void apply(float[][] t, int len, long first) {
            java.util.Arrays.fill(lof, 0, len, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(hif, 0, len, Float.NEGATIVE_INFINITY);
            for (float[] x : t) {
                minMax(lof, hif, x, len);
            }
            consensus(lof, hif, len);
            for (float[] x : t) {
                Masks.apply(x, lof, len);
            }
        }

        @Override
        public void apply(double[][] t, int len, long first) {
            java.util.Arrays.fill(lod, 0, len, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hid, 0, len, Double.NEGATIVE_INFINITY);
            for (double[] x : t) {
                minMax(lod, hid, x, len);
            }
            consensus(lod, hid, len);
            for (double[] x : t) {
                Masks.apply(x, lod, len);
            }
        }
    }

    private static void minMax(float[] lo, float[] hi, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Math.min(lo[j], x[j]);
            hi[j] = Math.max(hi[j], x[j]);
        }
    }

    /** consensus_j (into lo): every τ_ij ≥ 0 or every τ_ij ≤ 0, i.e. min and max are not of opposite signs. */
    private static void consensus(float[] lo, float[] hi, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Masks.notOpposite(lo[j], hi[j]);
        }
    }

    private static void minMax(double[] lo, double[] hi, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Math.min(lo[j], x[j]);
            hi[j] = Math.max(hi[j], x[j]);
        }
    }

    private static void consensus(double[] lo, double[] hi, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Masks.notOpposite(lo[j], hi[j]);
        }
    }
}
