package io.mergelattice.model;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.MerkleBuilder;
import io.mergelattice.identity.Utf8Order;

/**
 * Content root of a model (design.md §2): the Merkle root over its tensor leaves sorted by tensor name (UTF-8,
 * unsigned bytes). Leaves must be added in that order; an out-of-order or repeated name is an error, because a
 * different order would silently give a different root.
 */
public final class ContentRootBuilder {
    private final MerkleBuilder tree = new MerkleBuilder();
    private String last;

    public ContentRootBuilder add(String tensorName, Hash32 tensorLeaf) {
        if (last != null && Utf8Order.INSTANCE.compare(last, tensorName) >= 0) {
            throw new IllegalStateException("tensor leaves must be added in ascending name order: '" + last
                    + "' then '" + tensorName + "'");
        }
        last = tensorName;
        tree.add(tensorLeaf);
        return this;
    }

    public long tensorCount() {
        return tree.leafCount();
    }

    public Hash32 root() {
        return tree.root();
    }
}
