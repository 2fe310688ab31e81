package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Disjoint;
import io.mergelattice.strategies.blocks.DisjointStream;
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
 * r = b + (λ̂ · M). Streams one row at a time ({@link DisjointStream}; B5's ranks are per row, every other step
 * is element-wise).
 */
public final class DellaMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("della", "DELLA-Merging (MagPrune)",
            "Deep, Bhardwaj & Poria 2024, arXiv:2406.11617", Category.SPARSIFICATION, BaseMode.REQUIRED,
            WeightMode.R_PLUS, "R+", Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.7,
                    "mean keep probability (alias drop_rate = 1 − density)"),
                    ParamSpec.ofDouble("epsilon", "[0, 0.5)", 0.15, "half-width of the keep-probability window"),
                    TiesMerge.CONSENSUS, TiesMerge.NORMALIZE,
                    ParamSpec.ofBool("rescale", true, "divide each survivor by its own keep probability"),
                    TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate(), AliasSpec.majoritySignMethod()), List.of(), 1);

    /** Longest row ranked in Java arrays; longer rows take {@link #longRows}. */
    static final long ROW_LIMIT = 1L << 22;

    private final long rowLimit;

    public DellaMerge() {
        this(ROW_LIMIT);
    }

    /** With another row limit (tests exercise the long-row path on small tensors). */
    DellaMerge(long rowLimit) {
        this.rowLimit = rowLimit;
    }

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        long cols = in.cols();
        boolean wholeRows = cols <= rowLimit;
        int c = wholeRows ? (int) cols : SliceOps.CHUNK;
        Disjoint disjoint = DisjointStream.disjoint(ops, params, c);
        double density = params.getDouble("density");
        double epsilon = params.getDouble("epsilon");
        boolean rescale = params.getBool("rescale");
        long[] keys = ops.keys();
        if (!wholeRows) {
            return longRows(in, ops, disjoint, new MagPrune(ops, density, epsilon, rescale, cols), keys,
                    new double[c]);
        }
        return StrategyResult.of(DisjointStream.run(ops, disjoint, null, c, o -> {
            MagPrune prune = new MagPrune(o, density, epsilon, rescale, cols); // row buffers: one per part
            double[] probs = new double[c];
            return new DisjointStream.Sparsifier() {
                @Override
                public void apply(float[][] v, int len, long first) { // one whole row
                    for (int i = 0; i < v.length; i++) {
                        prune.applyRow(v[i], keys[i], first, probs);
                    }
                }

                @Override
                public void apply(double[][] v, int len, long first) {
                    for (int i = 0; i < v.length; i++) {
                        prune.applyRow(v[i], keys[i], first, probs);
                    }
                }
            };
        }));
    }

    /** Rows longer than {@link #ROW_LIMIT}: materialised τ, kernel min-ranks per row, then chunks of the row. */
    private static StrategyResult longRows(MergeInput in, SliceOps ops, Disjoint disjoint, MagPrune prune,
            long[] keys, double[] probs) throws MergeException {
        List<PTensor> tau = TaskVectors.of(in);
        int n = in.n();
        int c = SliceOps.CHUNK;
        PTensor r = in.result();
        float[][] vf = ops.isF32() ? new float[n][c] : null;
        double[][] vd = ops.isF32() ? null : new double[n][c];
        float[] bf = ops.isF32() ? new float[c] : null;
        double[] bd = ops.isF32() ? null : new double[c];
        long cols = in.cols();
        PTensor b = in.requireBase();
        MemorySegment[] ranks = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = ops.scratchBytes(cols * Long.BYTES);
        }
        for (long a = 0; a < in.rows(); a++) {
            long row = a * cols;
            for (int i = 0; i < n; i++) {
                prune.ranks(ranks[i], ops.slice(tau.get(i), row, cols));
            }
            for (long c0 = 0; c0 < cols; c0 += SliceOps.CHUNK) {
                int len = (int) Math.min(SliceOps.CHUNK, cols - c0);
                long first = row + c0;
                for (int i = 0; i < n; i++) {
                    prune.probabilities(ranks[i], c0, len, probs);
                    if (vf != null) {
                        ops.load(tau.get(i), first, vf[i], len);
                        ops.randomKeep(vf[i], len, keys[i], first, probs, prune.rescale());
                    } else {
                        ops.load(tau.get(i), first, vd[i], len);
                        ops.randomKeep(vd[i], len, keys[i], first, probs, prune.rescale());
                    }
                }
                if (vf != null) {
                    ops.load(b, first, bf, len);
                    disjoint.apply(vf, null, bf, bf, len, first);
                    ops.store(bf, r, first, len);
                } else {
                    ops.load(b, first, bd, len);
                    disjoint.apply(vd, null, bd, bd, len, first);
                    ops.store(bd, r, first, len);
                }
            }
        }
        return StrategyResult.of(r);
    }
}
