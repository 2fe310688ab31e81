package io.mergelattice.kernels;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The kernels facade: chooses the backend once per JVM — an accelerator from {@link ServiceLoader}
 * ({@link KernelsProvider}, e.g. CUDA), then {@link VectorKernels}, then {@link ScalarKernels} — and logs the choice
 * and every fallback once, with its reason, via {@link System.Logger}. The system property {@value #PROPERTY} =
 * {@code scalar|vector|cuda|auto} (default {@code auto}) forces a choice; a forced backend that is unusable falls
 * back down the same chain with a WARNING. All backends give identical bytes (spec §2.12 class E).
 */
public final class KernelSelector {

    /** System property that forces a backend. */
    public static final String PROPERTY = "mergelattice.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private KernelSelector() {
    }

    /** The backend chosen for this JVM. */
    public static Kernels kernels() {
        return Holder.SELECTION.kernels();
    }

    /** The choice for this JVM with its reason and fallbacks. */
    public static KernelSelection selection() {
        return Holder.SELECTION;
    }

    /** Lazy holder: the choice is made and logged exactly once, on first use. */
    private static final class Holder {
        static final KernelSelection SELECTION = log(select(System.getProperty(PROPERTY),
                () -> ServiceLoader.load(KernelsProvider.class, KernelSelector.class.getClassLoader()),
                new VectorProvider()));
    }

    /**
     * The selection logic, without logging.
     *
     * @param mode the property value ({@code null} = auto)
     * @param accelerators the accelerator providers, in the order to try
     * @param vector the provider of the vector backend
     */
    static KernelSelection select(String mode, Supplier<? extends Iterable<KernelsProvider>> accelerators,
            KernelsProvider vector) {
        List<String> fallbacks = new ArrayList<>();
        String m = mode == null || mode.isBlank() ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "scalar", "vector", "cuda").contains(m)) {
            fallbacks.add(PROPERTY + ": unknown value '" + mode + "' (expected scalar|vector|cuda|auto), using auto");
            m = "auto";
        }
        String how = m.equals("auto") ? "auto" : "forced by -D" + PROPERTY + "=" + m;
        if (m.equals("scalar")) {
            return new KernelSelection(ScalarKernels.instance(), how, fallbacks);
        }
        if (m.equals("auto") || m.equals("cuda")) {
            Optional<Kernels> accelerator = accelerator(accelerators, m.equals("cuda") ? "cuda" : null, fallbacks);
            if (accelerator.isPresent()) {
                return new KernelSelection(accelerator.get(), how, fallbacks);
            }
        }
        Optional<String> vectorProblem = vector.available();
        if (vectorProblem.isEmpty()) {
            return new KernelSelection(vector.create(), how, fallbacks);
        }
        fallbacks.add(vector.id() + ": " + vectorProblem.get());
        return new KernelSelection(ScalarKernels.instance(), how + ", after fallbacks", fallbacks);
    }

    private static Optional<Kernels> accelerator(Supplier<? extends Iterable<KernelsProvider>> providers,
            String requiredId, List<String> fallbacks) {
        int seen = 0;
        try {
            for (KernelsProvider p : providers.get()) {
                if (requiredId != null && !requiredId.equals(p.id())) {
                    continue;
                }
                seen++;
                Optional<String> problem = p.available();
                if (problem.isEmpty()) {
                    return Optional.of(p.create());
                }
                fallbacks.add(p.id() + ": " + problem.get());
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            fallbacks.add("accelerator providers: " + e);
            return Optional.empty();
        }
        if (seen == 0) {
            fallbacks.add((requiredId == null ? "accelerator" : requiredId) + ": no KernelsProvider found");
        }
        return Optional.empty();
    }

    private static KernelSelection log(KernelSelection s) {
        System.Logger logger = System.getLogger(KernelSelector.class.getName());
        boolean forced = s.reason().startsWith("forced");
        for (String f : s.fallbacks()) {
            logger.log(forced || f.startsWith(PROPERTY) ? Level.WARNING : Level.INFO, "kernels: fallback: " + f);
        }
        logger.log(Level.INFO, "kernels: using " + s.id() + " (" + s.reason() + ")");
        return s;
    }

    /** The vector backend as a provider: usable when the module is present and {@link VectorKernels} says so. */
    static final class VectorProvider implements KernelsProvider {

        @Override
        public String id() {
            return VectorKernels.ID;
        }

        @Override
        public Optional<String> available() {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                return Optional.of(
                        "module " + VECTOR_MODULE + " not present (run with --add-modules " + VECTOR_MODULE + ")");
            }
            try {
                return VectorKernels.unsupportedReason();
            } catch (LinkageError | RuntimeException e) {
                return Optional.of("Vector API unusable: " + e);
            }
        }

        @Override
        public Kernels create() {
            return VectorKernels.instance();
        }
    }
}
