package io.mergelattice.identity;

/** Whether a contribution holds a full model or a delta relative to its base (design.md §2). */
public enum ContributionKind {
    /** Weight differences relative to the base model named by the manifest's base root. */
    DELTA("delta"),
    /** Complete fine-tuned weights. */
    FULL("full");

    private final String wireName;

    ContributionKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in manifests and on the API: {@code delta} or {@code full}. */
    public String wireName() {
        return wireName;
    }

    public static ContributionKind fromWireName(String s) {
        for (ContributionKind k : values()) {
            if (k.wireName.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be 'delta' or 'full', got '" + s + "'");
    }
}
