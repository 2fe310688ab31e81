package io.mergelattice.strategies.host;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.RawTensor;
import java.util.Arrays;

/**
 * Validation of supplied artifacts on their values as uploaded (strategies spec §2.1): shape, finiteness, rules;
 * and the collection of an artifact that every remaining contribution supplies.
 */
public final class ArtifactChecks {
    private ArtifactChecks() {
    }

    /** Fails unless the artifact has a float dtype and exactly one of the given shapes. */
    public static void requireShape(String name, RawTensor t, long[]... allowed) throws MergeException {
        if (!t.dtype().isFloat()) {
            throw invalid(name, "has dtype " + t.dtype() + "; artifacts are F32, F16, BF16 or F64");
        }
        for (long[] s : allowed) {
            if (t.sameShape(s)) {
                return;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (long[] s : allowed) {
            expected.append(expected.isEmpty() ? "" : " or ").append(Arrays.toString(s));
        }
        throw invalid(name, "has shape " + Arrays.toString(t.shape()) + ", expected " + expected);
    }

    /** Fails unless every value is finite (and, if {@code nonNegative}, ≥ 0). */
    public static void requireFinite(String name, RawTensor t, boolean nonNegative) throws MergeException {
        long m = t.elementCount();
        for (long j = 0; j < m; j++) {
            double v = t.get(j);
            if (!Double.isFinite(v)) {
                throw invalid(name, "has the non-finite value " + v + " at element " + j);
            }
            if (nonNegative && v < 0.0) {
                throw invalid(name, "has the negative value " + v + " at element " + j + " (entries must be ≥ 0)");
            }
        }
    }

    /**
     * Artifact {@code name} of every remaining contribution, in canonical order; call only when
     * {@code in.artifactUsed(name)} (every contribution supplies it).
     */
    public static PTensor[] supplied(MergeInput in, String name) {
        PTensor[] a = new PTensor[in.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.contribution(i).artifact(name).orElseThrow();
        }
        return a;
    }

    public static MergeException invalid(String name, String what) {
        return new MergeException(ErrorCode.ARTIFACT_INVALID, "artifact '" + name + "' " + what);
    }
}
