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
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw new UsageException(option + " wants a positive integer, got '" + v + "'");
    }

    static long positiveLong(String v, String option) throws UsageException {
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw new UsageException(option + " wants a positive number of bytes, got '" + v + "'");
    }
}
