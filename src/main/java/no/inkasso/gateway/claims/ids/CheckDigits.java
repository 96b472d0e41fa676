package no.inkasso.gateway.claims.ids;

/** Check-digit arithmetic shared by the validators in this package. Callers pass digits only. */
final class CheckDigits {

    /** Returned by the MOD11 methods when the remainder leaves no single-digit check value. */
    static final int MOD11_TEN = 10;

    private CheckDigits() {
    }

    /** True if the last digit is the Luhn (MOD10) check digit of the digits before it. */
    static boolean luhnValid(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * MOD11 check value of the first {@code weights.length} digits, weights applied from the left:
     * {@code 11 - sum % 11}, where 11 becomes 0. A result of {@link #MOD11_TEN} means no digit fits.
     */
    static int mod11(CharSequence digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return fromRemainder(sum % 11);
    }

    /**
     * MOD11 check value of all {@code digits}, with {@code cycle} applied from the rightmost digit
     * leftwards and repeated as often as needed. Same result convention as {@link #mod11}.
     */
    static int mod11FromRight(CharSequence digits, int[] cycle) {
        int sum = 0;
        for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
            sum += (digits.charAt(i) - '0') * cycle[k % cycle.length];
        }
        return fromRemainder(sum % 11);
    }

    private static int fromRemainder(int remainder) {
        return remainder == 0 ? 0 : 11 - remainder;
    }

    static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Removes all whitespace (including no-break spaces) and every character in {@code separators}. */
    static String strip(String value, String separators) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && separators.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isBlank(String value) {
        return strip(value, "").isEmpty();
    }
}
