package io.mergelattice.identity;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a contribution is (design.md §2): its workspace, the content root of its tensors, its kind, the base root it
 * is relative to, its weight, its side-artifact roots (e.g. {@code fisher}), its organisation and a label.
 * The contribution id is {@code SHA-256(0x04 ‖ encode())}; the organisation's signature over the id travels next
 * to the manifest and is not part of it.
 *
 * <p>Wire format (version 1), all little-endian:
 * <pre>
 * u8 version=1 ‖ str workspace ‖ hash contentRoot ‖ str kind ("delta"|"full")
 * ‖ u8 hasBase ‖ [hash baseRoot] ‖ u64 weightBits
 * ‖ u32 artifactCount ‖ (str name ‖ hash root)* sorted by name (UTF-8 bytes, unsigned)
 * ‖ str organisation ‖ str label
 * </pre>
 * The weight is canonical: it must be finite and {@code -0.0} is stored as {@code +0.0}.
 */
public record ContributionManifest(
        String workspace,
        Hash32 contentRoot,
        ContributionKind kind,
        Optional<Hash32> baseRoot,
        double weight,
        Map<String, Hash32> artifactRoots,
        String organisation,
        String label) {

    /** Version byte of the encoding. */
    public static final int VERSION = 1;

    public ContributionManifest {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(contentRoot, "contentRoot");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseRoot, "baseRoot");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite, got " + weight);
        }
        if (kind == ContributionKind.DELTA && baseRoot.isEmpty()) {
            throw new IllegalArgumentException("a delta contribution names the base root it is relative to");
        }
        weight = weight == 0.0 ? 0.0 : weight; // canonical zero: -0.0 becomes +0.0
        TreeMap<String, Hash32> sorted = new TreeMap<>(Utf8Order.INSTANCE);
        sorted.putAll(artifactRoots);
        artifactRoots = Collections.unmodifiableMap(sorted);
    }

    /** The canonical bytes that the contribution id hashes. */
    public byte[] encode() {
        CanonicalEncoder e = new CanonicalEncoder()
                .u8(VERSION)
                .str(workspace)
                .hash(contentRoot)
                .str(kind.wireName());
        if (baseRoot.isPresent()) {
            e.u8(1).hash(baseRoot.get());
        } else {
            e.u8(0);
        }
        e.u64(Double.doubleToRawLongBits(weight)).u32(artifactRoots.size());
        artifactRoots.forEach((name, root) -> e.str(name).hash(root));
        return e.str(organisation).str(label).toByteArray();
    }

    /** {@code SHA-256(0x04 ‖ encode())}. */
    public Hash32 id() {
        return Sha256.hash(Domain.CONTRIBUTION, encode());
    }

    @Override
    public String toString() {
        return "ContributionManifest" + Arrays.toString(new Object[] {workspace, contentRoot, kind, baseRoot,
                weight, artifactRoots, organisation, label});
    }
}
