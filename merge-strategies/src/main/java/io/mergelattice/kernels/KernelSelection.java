package io.mergelattice.kernels;

import java.util.List;

/**
 * The outcome of {@link KernelSelector}: the chosen backend, why it was chosen, and every backend that was skipped
 * with its reason, in the order tried.
 *
 * @param kernels the chosen backend
 * @param reason why it was chosen
 * @param fallbacks one line per skipped backend ({@code "cuda: no KernelsProvider found"}, …)
 */
public record KernelSelection(Kernels kernels, String reason, List<String> fallbacks) {

    /** Copies the fallback list. */
    public KernelSelection {
        fallbacks = List.copyOf(fallbacks);
    }

    /** The chosen backend's id. */
    public String id() {
        return kernels.id();
    }
}
