package io.mergelattice.cli;

/** Small helpers to read command-line values with one-line errors. */
final class Args {
    private Args() {
    }

    static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** JSON typing (strategies spec §2.1): fraction/exponent → double, other numbers → integer, true/false. */
    static Object jsonTyped(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        if (v.matches("-?(0|[1-9]\\d*)")) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (v.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return Double.parseDouble(v);
        }
        return v;
    }

    static double[] doubles(String csv, String option) throws UsageException {
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " wants comma-separated numbers, got '" + parts[i] + "'");
            }
        }
        return out;
    }

    static int positiveInt(String v, String option) throws UsageException {
        return (int) positive(v, option, Integer.MAX_VALUE, "a positive integer");
    }

    static long positiveLong(String v, String option) throws UsageException {
        return positive(v, option, Long.MAX_VALUE, "a positive number of bytes");
    }

    /** {@code v} as an integer in [1, max], else a usage error saying the option wants {@code what}. */
    private static long positive(String v, String option, long max, String what) throws UsageException {
        try {
            long n = Long.parseLong(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw new UsageException(option + " wants " + what + ", got '" + v + "'");
    }
}
