package io.mergelattice.identity;

/**
 * Domain-separation prefixes: the first byte of every hashed message says what it is (design.md §2).
 * Wire format: these values never change; a new kind of message gets a new byte.
 */
public final class Domain {
    /** {@code 0x00 ‖ chunkBytes}: a leaf of a tensor's chunk tree. */
    public static final byte CHUNK = 0x00;
    /** {@code 0x01 ‖ left ‖ right}: an inner Merkle node. */
    public static final byte NODE = 0x01;
    /** {@code 0x02 ‖ name ‖ dtype ‖ shape ‖ chunkTreeRoot}: a tensor leaf. */
    public static final byte TENSOR = 0x02;
    /** {@code 0x03}: the root of zero leaves. */
    public static final byte EMPTY = 0x03;
    /** {@code 0x04 ‖ manifest}: a contribution id. */
    public static final byte CONTRIBUTION = 0x04;
    /** {@code 0x05 ‖ recipe}: a recipe id. */
    public static final byte RECIPE = 0x05;
    /** {@code 0x06 ‖ setRoot ‖ recipeId}: a result id. */
    public static final byte RESULT = 0x06;
    /** {@code 0x07 ‖ setRoot ‖ recipeId}: a merge seed. */
    public static final byte SEED = 0x07;

    private Domain() {
    }
}
