package io.mergelattice.crdt;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The set root and merge seed of a workspace's visible contributions (design.md §2): the set root is the Merkle
 * root over the visible contribution ids in ascending unsigned-byte order, and the seed is
 * {@code SHA-256(0x07 ‖ setRoot ‖ recipeId)}. Both come from {@link Identity}; this class only picks the
 * visible set out of an {@link ORSet}, so two replicas with the same visible set agree on both, whatever dots,
 * contexts or histories they hold.
 */
public final class SetRoots {
    private SetRoots() {
    }

    /** The set root of a set of contribution ids. */
    public static Hash32 setRoot(ORSet<Hash32> contributions) {
        return Identity.setRoot(contributions.elements());
    }

    /** The set root of a set whose elements map to contribution ids ({@code id} must be injective). */
    public static <E extends Comparable<? super E>> Hash32 setRoot(ORSet<E> set, Function<? super E, Hash32> id) {
        List<Hash32> ids = new ArrayList<>(set.size());
        for (E e : set.elements()) {
            ids.add(id.apply(e));
        }
        return Identity.setRoot(ids);
    }

    /** The seed of every random stream of a merge of this set with recipe {@code recipeId}. */
    public static Hash32 seed(ORSet<Hash32> contributions, Hash32 recipeId) {
        return Identity.seed(setRoot(contributions), recipeId);
    }
}
