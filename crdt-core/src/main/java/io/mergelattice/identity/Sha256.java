package io.mergelattice.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The JDK's SHA-256 (SHA-NI accelerated where the CPU has it), with domain-separated helpers. */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    /** {@code SHA-256(domain ‖ parts[0] ‖ parts[1] ‖ …)}. */
    public static Hash32 hash(byte domain, byte[]... parts) {
        MessageDigest md = newDigest();
        md.update(domain);
        for (byte[] p : parts) {
            md.update(p);
        }
        return Hash32.wrap(md.digest());
    }

    /** {@code SHA-256(domain ‖ a ‖ b)} for two hashes. */
    public static Hash32 hash(byte domain, Hash32 a, Hash32 b) {
        MessageDigest md = newDigest();
        md.update(domain);
        a.updateDigest(md);
        b.updateDigest(md);
        return Hash32.wrap(md.digest());
    }

    /** Finishes {@code md} into a hash. */
    public static Hash32 finish(MessageDigest md) {
        return Hash32.wrap(md.digest());
    }
}
