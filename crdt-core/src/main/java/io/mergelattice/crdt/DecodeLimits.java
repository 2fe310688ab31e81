package io.mergelattice.crdt;

/**
 * Upper bounds a decoder enforces before it allocates, so hostile input cannot exhaust memory. Exceeding one is
 * {@link DecodingException.Reason#OVERSIZED}.
 *
 * @param maxBytes           total input length
 * @param maxReplicas        entries of the replica table
 * @param maxCloudDots       dots in the context's cloud
 * @param maxElements        elements in the dot store
 * @param maxDotsPerElement  dots on one element
 */
public record DecodeLimits(int maxBytes, int maxReplicas, int maxCloudDots, int maxElements, int maxDotsPerElement) {
    /** 256 MiB, 65,536 replicas, 4M cloud dots, 4M elements, 65,536 dots per element. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(256 << 20, 1 << 16, 1 << 22, 1 << 22, 1 << 16);

    public DecodeLimits {
        if (maxBytes < 1 || maxReplicas < 0 || maxCloudDots < 0 || maxElements < 0 || maxDotsPerElement < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxReplicas + ", "
                    + maxCloudDots + ", " + maxElements + ", " + maxDotsPerElement);
        }
    }
}
