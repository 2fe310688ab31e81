package io.mergelattice.crdt;

import java.util.stream.LongStream;

/**
 * Seeds for generated law tests. By default seeds 1..{@value #DEFAULT_COUNT}; {@code -Dlaws.seed=N} replays one seed,
 * {@code -Dlaws.count=N} runs more. The seed is in each test's display name ({@code seed=17}).
 */
final class LawSeeds {
    static final int DEFAULT_COUNT = 100;

    private LawSeeds() {
    }

    static LongStream seeds() {
        String one = System.getProperty("laws.seed");
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.trim()));
        }
        return LongStream.rangeClosed(1, Long.getLong("laws.count", DEFAULT_COUNT));
    }
}
