package io.mergelattice.merge;

import io.mergelattice.identity.Hash32;
import io.mergelattice.safetensors.TensorSource;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.tensor.DType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole-model merge: optional base, contributions, strategy with validated parameters, seed, output dtype
 * (empty: each tensor keeps its inputs' dtype, see {@link ModelMerger}), output directory, shard size limit and
 * the number of worker threads (the output bytes never depend on it), and extra {@code __metadata__} entries
 * for the output header (e.g. the result id).
 */
public record ModelMergeRequest(
        Optional<TensorSource> base,
        List<ModelInput> contributions,
        MergeStrategy strategy,
        Params params,
        Hash32 seed,
        Optional<DType> outputDtype,
        Path outputDirectory,
        long maxShardBytes,
        int threads,
        Map<String, String> outputMetadata) {

    public ModelMergeRequest {
        contributions = List.copyOf(contributions);
        outputMetadata = Map.copyOf(outputMetadata);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1");
        }
        if (outputDtype.isPresent() && !outputDtype.get().isFloat()) {
            throw new IllegalArgumentException("the output dtype must be F64, F32, F16 or BF16");
        }
    }
}
