package io.mergelattice.kernels;

/**
 * The scalar oracle (id {@value #ID}): plain loops in exactly the operation order of spec §2.6–§2.8, §2.10 and
 * §2.17, and the fallback backend when nothing faster is usable. Differential tests compare every other backend
 * against it bit for bit.
 */
public final class ScalarKernels implements Kernels {

    /** The backend id. */
    public static final String ID = "scalar";

    private static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    /** The shared, stateless instance. */
    public static ScalarKernels instance() {
        return INSTANCE;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public FloatKernels f32() {
        return ScalarFloatKernels.INSTANCE;
    }

    @Override
    public DoubleKernels f64() {
        return ScalarDoubleKernels.INSTANCE;
    }

    @Override
    public String toString() {
        return ID;
    }
}
