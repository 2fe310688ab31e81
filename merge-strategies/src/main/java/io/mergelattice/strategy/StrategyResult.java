package io.mergelattice.strategy;

/** A strategy's output: the merged tensor in P and the strategy-specific metadata keys. */
public record StrategyResult(PTensor tensor, Metadata metadata) {
    public static StrategyResult of(PTensor tensor) {
        return new StrategyResult(tensor, new Metadata());
    }
}
