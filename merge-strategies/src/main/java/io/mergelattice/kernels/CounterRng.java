package io.mergelattice.kernels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Counter-based SplitMix64 of spec §2.10: every random number is a pure function of (key, counter), so any thread
 * split, SIMD width or GPU grid yields the same values. {@code bits(key, j)} equals the (j+1)-th
 * {@code new SplittableRandom(key).nextLong()}, but is computed by random access.
 */
public final class CounterRng {

    /** The SplitMix64 increment (golden gamma). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    static final long MIX1 = 0xBF58476D1CE4E5B9L;
    static final long MIX2 = 0x94D049BB133111EBL;
    /** 2^−53, the scale of {@link #u(long, long)}. */
    static final double UNIT = 0x1.0p-53;

    private static final int SEED_BYTES = 32;
    private static final int ROOT_BYTES = 32;

    private CounterRng() {
    }

    /** NULL_ROOT: 32 zero bytes, the root of position-wide masks and host search streams (a fresh copy). */
    public static byte[] nullRoot() {
        return new byte[ROOT_BYTES];
    }

    /** mix64(z), all arithmetic mod 2^64. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    /** bits(key, j) = mix64(key + (j + 1) × 0x9E3779B97F4A7C15) for a 64-bit counter j ≥ 0. */
    public static long bits(long key, long j) {
        return mix64(key + (j + 1) * GOLDEN_GAMMA);
    }

    /** u(key, j) = (bits(key, j) >>> 11) × 2^−53, uniform in [0, 1); exact (no rounding). */
    public static double u(long key, long j) {
        return (bits(key, j) >>> 11) * UNIT;
    }

    /**
     * key(seed, name, root): the first 8 bytes, big-endian, of SHA-256(seed ‖ UTF-8(name) ‖ root).
     *
     * @param seed the 32-byte merge seed ({@code ctx.seed})
     * @param tensorName the tensor name exactly as in the safetensors header
     * @param root the 32-byte contribution root, or {@link #nullRoot()}
     */
    public static long key(byte[] seed, String tensorName, byte[] root) {
        if (seed.length != SEED_BYTES || root.length != ROOT_BYTES) {
            throw new IllegalArgumentException(
                    "seed and root must be 32 bytes, got " + seed.length + " and " + root.length);
        }
        MessageDigest sha = sha256();
        sha.update(seed);
        sha.update(tensorName.getBytes(StandardCharsets.UTF_8));
        sha.update(root);
        byte[] h = sha.digest();
        long k = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            k = (k << 8) | (h[i] & 0xFF); // Wire format: big-endian first 8 bytes of the digest.
        }
        return k;
    }

    /** A host stream (§2.10) over {@code key} with counter 0. */
    public static CounterStream stream(long key) {
        return new CounterStream(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
