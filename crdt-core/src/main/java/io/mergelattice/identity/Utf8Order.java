package io.mergelattice.identity;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes compared as unsigned bytes: the canonical order of tensor names, artifact
 * names and parameter names. ({@link String#compareTo} compares UTF-16 units, which differs for characters
 * outside the Basic Multilingual Plane.)
 */
public final class Utf8Order implements Comparator<String> {
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        return Arrays.compareUnsigned(CanonicalEncoder.utf8(a), CanonicalEncoder.utf8(b));
    }
}
