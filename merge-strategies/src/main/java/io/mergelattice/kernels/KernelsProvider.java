package io.mergelattice.kernels;

import java.util.Optional;

/**
 * Service-provider interface for accelerator backends (e.g. CUDA in gpu-ops), found with
 * {@link java.util.ServiceLoader} by {@link KernelSelector}. Register an implementation in
 * {@code META-INF/services/io.mergelattice.kernels.KernelsProvider} (or a module {@code provides} clause).
 */
public interface KernelsProvider {

    /** The id of the backend this provider creates, e.g. {@code "cuda"}. */
    String id();

    /**
     * Whether the backend can be used here: empty when usable, otherwise the reason it cannot (no device, driver
     * too old, library missing, …). Must not throw.
     */
    Optional<String> available();

    /** Creates the backend; only called when {@link #available()} is empty. */
    Kernels create();
}
