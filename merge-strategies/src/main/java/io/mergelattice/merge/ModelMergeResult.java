package io.mergelattice.merge;

import io.mergelattice.identity.Hash32;
import io.mergelattice.strategy.Metadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished model merge: the output root (content root of the merged model, design.md §2), the seed used, the
 * files written (shards and index) and the per-tensor result metadata (strategies spec §2.15).
 */
public record ModelMergeResult(Hash32 outputRoot, Hash32 seed, List<Path> files, Map<String, Metadata> metadata,
        long tensorCount, long inputBytes) {
}
