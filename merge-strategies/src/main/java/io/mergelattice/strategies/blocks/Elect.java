package io.mergelattice.strategies.blocks;

/**
 * B2 elect(v, ω, method) of strategies spec §2.17: the sign E_j elected per element. {@link #SUM}: E_j = sign(S_j)
 * with S_j = Σ_i ω̂_i · v_ij accumulated in P; {@link #COUNT}: E_j = sign(Σ_i sign(v_ij)) (an exact integer, weights
 * unused). E_j = 0 elects nothing. The vote runs fused with B3 in {@link Disjoint}.
 */
public enum Elect {
    SUM, COUNT;

    /** The {@code consensus_method} parameter value ({@code sum} or {@code count}). */
    public static Elect of(String consensusMethod) {
        return switch (consensusMethod) {
            case "sum" -> SUM;
            case "count" -> COUNT;
            default -> throw new IllegalArgumentException("consensus_method must be sum or count: " + consensusMethod);
        };
    }
}
