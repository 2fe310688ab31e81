package io.mergelattice.strategies.linalg;

import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.StrategyResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-contribution truncated-SVD merge shared by star (strategies spec §3.11) and adarank (§3.13): each task
 * matrix τ_i = θ_i − b is replaced by g_i, the reconstruction (§2.11.3, rounded to P) of its leading ℓ_i components
 * with the singular values the strategy's {@link Rule} chooses, then acc = Σ_i ŵ_i · g_i and r = b + acc. A 1-row
 * or 1-column view has rank ≤ 1 and is kept as is (ℓ = 1); a task matrix the rule leaves alone (a zero spectrum) is
 * kept as is with ℓ = 0. Metadata: {@code <id>.ranks} (the ℓ_i).
 */
public final class SpectralTruncation {
    private SpectralTruncation() {
    }

    /** The components kept of one task matrix: the first {@code rank} ones, with singular values {@code values}. */
    public record Kept(int rank, double[] values) {
    }

    /** Chooses the kept components from the singular values σ (descending), or {@code null} to keep τ_i as is. */
    @FunctionalInterface
    public interface Rule {
        Kept choose(double[] sigma) throws MergeException;
    }

    /** r = b + Σ_i ŵ_i · g_i with g_i truncated by {@code rule}; {@code id} prefixes the messages and metadata. */
    public static StrategyResult merge(MergeInput in, String id, Rule rule) throws MergeException {
        Ops ops = new Ops(in);
        List<PTensor> tau = ops.taskVectors();
        List<PTensor> g = new ArrayList<>(in.n());
        long[] ranks = new long[in.n()];
        for (int i = 0; i < in.n(); i++) {
            PTensor t = tau.get(i);
            if (in.rows() == 1 || in.cols() == 1) {
                g.add(t); // rank ≤ 1: truncation is the identity
                ranks[i] = 1;
                continue;
            }
            Svd svd = JacobiSvd.decompose(MatrixView.toMatrix(t));
            Kept kept = rule.choose(svd.sigma());
            if (kept == null) {
                g.add(t);
                ranks[i] = 0;
                continue;
            }
            g.add(MatrixView.roundToP(Reconstruction.reconstruct(svd, kept.values(), kept.rank()), in,
                    id + " reconstruction"));
            ranks[i] = kept.rank();
        }
        PTensor acc = ops.weightedSum(in.normalisedWeights(), g, "normalised weight");
        return new StrategyResult(ops.add(in.requireBase(), acc), new Metadata().put(id + ".ranks", ranks));
    }

    /** The smallest ℓ ≥ 1 with Σseq_{k&lt;ℓ} term(σ_k) ≥ {@code thresh}, or k = σ.length if none. */
    public static int firstReaching(double[] sigma, boolean squared, double thresh) {
        double cum = 0.0;
        for (int k = 0; k < sigma.length; k++) {
            cum = cum + (squared ? sigma[k] * sigma[k] : sigma[k]);
            if (cum >= thresh) {
                return k + 1;
            }
        }
        return sigma.length;
    }
}
