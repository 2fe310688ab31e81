package io.mergelattice.tensor;

/**
 * A finite value became ±∞ when rounded to the output dtype (spec §2.5, {@code OUTPUT_OVERFLOW}). Conversions never
 * saturate: they fail with this exception, naming the tensor and the element.
 */
public final class OutputOverflowException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final String tensorName;
    private final long elementIndex;
    private final double value;
    private final DType target;

    public OutputOverflowException(String tensorName, long elementIndex, double value, DType target) {
        super("tensor '" + tensorName + "', element " + elementIndex + ": value " + value
                + " overflows " + target + " (rounds to infinity)");
        this.tensorName = tensorName;
        this.elementIndex = elementIndex;
        this.value = value;
        this.target = target;
    }

    /** Name of the tensor being converted. */
    public String tensorName() {
        return tensorName;
    }

    /** Row-major index of the first element that overflowed. */
    public long elementIndex() {
        return elementIndex;
    }

    /** The finite value that overflowed. */
    public double value() {
        return value;
    }

    /** The dtype it was converted to. */
    public DType target() {
        return target;
    }
}
