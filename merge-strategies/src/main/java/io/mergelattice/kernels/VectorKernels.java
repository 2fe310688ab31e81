package io.mergelattice.kernels;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import jdk.incubator.vector.FloatVector;

/**
 * SIMD backend (id {@value #ID}) on the incubating Vector API with fixed 256-bit species, bitwise identical to
 * {@link ScalarKernels} (spec §2.6, §2.7, §2.12 class E): lanes hold independent elements, multiplications and
 * additions stay separate (no FMA), reductions follow R without {@code reduceLanes}. Needs
 * {@code --add-modules jdk.incubator.vector}; {@link KernelSelector} checks {@link #unsupportedReason()} first.
 */
public final class VectorKernels implements Kernels {

    /** The backend id. */
    public static final String ID = "vector-256";

    private static final int REQUIRED_BITS = 256;
    private static final VectorKernels INSTANCE = new VectorKernels();

    private VectorKernels() {
    }

    /** The shared, stateless instance (works everywhere the module is present; may be slow, see below). */
    public static VectorKernels instance() {
        return INSTANCE;
    }

    /**
     * Why this backend would not be faster than the scalar one here, or empty: the hardware's preferred vector size
     * must be at least 256 bits and the JIT must be C2 (the Vector API is emulated, and very slow, without it).
     */
    public static Optional<String> unsupportedReason() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits < REQUIRED_BITS) {
            return Optional.of("hardware vectors are " + bits + " bits, " + REQUIRED_BITS + " needed");
        }
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            return Optional.of("the JVM runs in interpreted mode (-Xint)");
        }
        List<String> args = jvmArguments();
        if (args.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4"))) {
            return Optional.of("the C2 compiler is disabled (-XX:TieredStopAtLevel < 4)");
        }
        return Optional.empty();
    }

    private static List<String> jvmArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (LinkageError | RuntimeException e) { // java.management absent: nothing to check
            return List.of();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public FloatKernels f32() {
        return VectorFloatKernels.INSTANCE;
    }

    @Override
    public DoubleKernels f64() {
        return VectorDoubleKernels.INSTANCE;
    }

    @Override
    public String toString() {
        return ID;
    }
}
