package io.mergelattice.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Set roots, result ids and seeds (design.md §2). */
public final class Identity {
    private Identity() {
    }

    /**
     * Merkle root over the visible contribution ids in canonical order (ascending, unsigned bytes). Duplicates are
     * an error: a set holds each id once.
     */
    public static Hash32 setRoot(Collection<Hash32> contributionIds) {
        List<Hash32> sorted = new ArrayList<>(contributionIds);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IllegalArgumentException("duplicate contribution id " + sorted.get(i));
            }
        }
        return MerkleBuilder.rootOf(sorted);
    }

    /** {@code SHA-256(0x06 ‖ setRoot ‖ recipeId)}. */
    public static Hash32 resultId(Hash32 setRoot, Hash32 recipeId) {
        return Sha256.hash(Domain.RESULT, setRoot, recipeId);
    }

    /** {@code SHA-256(0x07 ‖ setRoot ‖ recipeId)}: the seed of every random stream of the merge. */
    public static Hash32 seed(Hash32 setRoot, Hash32 recipeId) {
        return Sha256.hash(Domain.SEED, setRoot, recipeId);
    }
}
