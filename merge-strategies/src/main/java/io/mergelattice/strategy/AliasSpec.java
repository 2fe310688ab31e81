package io.mergelattice.strategy;

/**
 * A parameter alias (strategies spec §2.1, the one alias table): type-checked as {@code kind} says, converted,
 * and the canonical parameter's range is then checked on the converted value.
 */
public record AliasSpec(String alias, String canonical, Kind kind) {
    public enum Kind {
        /** A double d; canonical = 1.0 − d (exact IEEE double arithmetic). */
        ONE_MINUS,
        /** A double, taken as is. */
        IDENTITY,
        /** {@code magnitude} → sum, {@code count} → count; nothing else. */
        MAJORITY_SIGN
    }

    public static AliasSpec dropRate() {
        return new AliasSpec("drop_rate", "density", Kind.ONE_MINUS);
    }

    public static AliasSpec sparsity() {
        return new AliasSpec("sparsity", "density", Kind.ONE_MINUS);
    }

    public static AliasSpec majoritySignMethod() {
        return new AliasSpec("majority_sign_method", "consensus_method", Kind.MAJORITY_SIGN);
    }
}
