package io.mergelattice.tensor;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 encodings compare bytewise (unsigned), the order of tensor names everywhere in
 * MergeLattice. It equals Unicode code point order, which differs from {@link String#compareTo} (UTF-16 code
 * units) once supplementary characters meet characters in U+E000..U+FFFF.
 */
public final class Utf8Order {

    /** Compares well-formed strings by their UTF-8 bytes. */
    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    /** Negative, zero or positive as {@code a}'s UTF-8 encoding sorts before, equal to or after {@code b}'s. */
    public static int compare(String a, String b) {
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
}
