package io.mergelattice.crdt;

/** How two version vectors relate: {@code a.compare(b)} says where {@code a} stands relative to {@code b}. */
public enum Causality {
    /** {@code a < b}: every event of {@code a} is in {@code b}, and {@code b} has more. */
    BEFORE,
    /** {@code a > b}. */
    AFTER,
    /** Same events. */
    EQUAL,
    /** Each has an event the other lacks. */
    CONCURRENT
}
