package io.mergelattice.identity;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes compared as unsigned bytes: the canonical order of tensor names, artifact
 * names and parameter names everywhere in MergeLattice. ({@link String#compareTo} compares UTF-16 units, which
 * differs once supplementary characters meet characters in U+E000..U+FFFF.) For well-formed strings this is Unicode
 * code point order, which is how it is computed (without encoding); a string with an unpaired surrogate has no UTF-8
 * encoding and is rejected like {@link CanonicalEncoder#utf8} rejects it.
 */
public final class Utf8Order implements Comparator<String> {
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    /**
     * Negative, zero or positive as {@code a}'s UTF-8 encoding sorts before, equal to or after {@code b}'s.
     *
     * @throws IllegalArgumentException if either string has an unpaired surrogate
     */
    @Override
    public int compare(String a, String b) {
        requireWellFormed(a);
        requireWellFormed(b);
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Whether {@code s} has no unpaired surrogate, i.e. encodes to UTF-8 without loss. */
    public static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void requireWellFormed(String s) {
        if (!isWellFormed(s)) {
            CanonicalEncoder.utf8(s); // throws its IllegalArgumentException
        }
    }
}
