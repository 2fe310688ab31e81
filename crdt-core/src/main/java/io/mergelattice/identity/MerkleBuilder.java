package io.mergelattice.identity;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Incremental domain-separated Merkle tree (design.md §2): leaves are added in order, inner nodes are
 * {@code SHA-256(0x01 ‖ left ‖ right)}, an odd node at the end of a level is promoted unchanged, and the root of
 * zero leaves is {@code SHA-256(0x03)}. Memory is O(log n).
 *
 * <p>Invariant: the stack holds complete subtrees of strictly decreasing height from bottom to top, so folding it
 * from the right at the end gives exactly the level-by-level tree with odd-node promotion (a left-complete tree).
 * Not thread-safe; one builder per tree.
 */
public final class MerkleBuilder {
    private record Node(Hash32 hash, int height) {
    }

    private final Deque<Node> stack = new ArrayDeque<>();
    private final MessageDigest md = Sha256.newDigest();
    private long count;

    /** The root of zero leaves: {@code SHA-256(0x03)}. */
    public static final Hash32 EMPTY_ROOT = Sha256.hash(Domain.EMPTY);

    /** Appends the next leaf hash. */
    public MerkleBuilder add(Hash32 leaf) {
        Node node = new Node(leaf, 0);
        while (!stack.isEmpty() && stack.peek().height() == node.height()) {
            Node left = stack.pop();
            node = new Node(inner(left.hash(), node.hash()), node.height() + 1);
        }
        stack.push(node);
        count++;
        return this;
    }

    /** Number of leaves added so far. */
    public long leafCount() {
        return count;
    }

    /** The root over the leaves added so far; the builder stays usable. */
    public Hash32 root() {
        if (stack.isEmpty()) {
            return EMPTY_ROOT;
        }
        var it = stack.iterator(); // top (rightmost, lowest) first
        Hash32 right = it.next().hash();
        while (it.hasNext()) {
            right = inner(it.next().hash(), right);
        }
        return right;
    }

    private Hash32 inner(Hash32 left, Hash32 right) {
        md.reset();
        md.update(Domain.NODE);
        left.updateDigest(md);
        right.updateDigest(md);
        return Sha256.finish(md);
    }

    /** The Merkle root of {@code leaves} in the order given. */
    public static Hash32 rootOf(Iterable<Hash32> leaves) {
        MerkleBuilder b = new MerkleBuilder();
        for (Hash32 h : leaves) {
            b.add(h);
        }
        return b.root();
    }
}
