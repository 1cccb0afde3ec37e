package kisgateway.sim.rest;

/** KIS sends every number as a string of digits; this reads one. */
final class KisNumber {
    static final long INVALID = -1;

    private KisNumber() {
    }

    /** The value of a non-negative digit string, {@link #INVALID} otherwise ("" included). */
    static long parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 15) {
            return INVALID;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return INVALID;
            }
        }
        return Long.parseLong(s);
    }

    /** Like {@link #parse} but "" (an optional field left blank) is 0. */
    static long parseOptional(String s) {
        return s == null || s.isEmpty() ? 0 : parse(s);
    }
}
