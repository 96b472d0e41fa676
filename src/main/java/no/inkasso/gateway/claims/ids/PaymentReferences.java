package no.inkasso.gateway.claims.ids;

import java.util.Optional;

/**
 * Norwegian payment references (KID, kundeidentifikasjonsnummer).
 *
 * <p>A KID is 2 to 25 digits whose last character is a MOD10 (Luhn) or MOD11 check digit. MOD11
 * uses weights 2,3,4,5,6,7 repeated from the right, check = 11 - sum % 11, where 11 becomes 0 and 10
 * becomes {@code -}; so {@code -} is allowed as the last character only. Leading and trailing
 * whitespace is ignored; whitespace inside the KID is not.
 */
public final class PaymentReferences {

    private static final int[] KID_MOD11_CYCLE = {2, 3, 4, 5, 6, 7};

    private PaymentReferences() {
    }

    /** Empty if {@code kid} is a valid KID, otherwise one sentence describing what is wrong. */
    public static Optional<String> kidProblem(String kid) {
        if (kid == null || kid.isBlank()) {
            return Optional.of("KID is missing");
        }
        if (!wellFormed(kid.strip())) {
            return Optional.of("KID must be 2 to 25 digits (the last may be '-')");
        }
        if (kidAlgorithm(kid) == KidAlgorithm.INVALID) {
            return Optional.of("KID check digit does not match (neither MOD10 nor MOD11)");
        }
        return Optional.empty();
    }

    /**
     * The algorithm whose check digit the KID carries: {@link KidAlgorithm#MOD10} if Luhn matches
     * (also when MOD11 happens to match too), else {@link KidAlgorithm#MOD11} if that matches, else
     * {@link KidAlgorithm#INVALID} (also for a KID that is not 2-25 digits).
     */
    public static KidAlgorithm kidAlgorithm(String kid) {
        if (kid == null) {
            return KidAlgorithm.INVALID;
        }
        String k = kid.strip();
        if (!wellFormed(k)) {
            return KidAlgorithm.INVALID;
        }
        char last = k.charAt(k.length() - 1);
        if (last != '-' && CheckDigits.luhnValid(k)) {
            return KidAlgorithm.MOD10;
        }
        int check = CheckDigits.mod11FromRight(k.substring(0, k.length() - 1), KID_MOD11_CYCLE);
        char expected = check == CheckDigits.MOD11_TEN ? '-' : (char) ('0' + check);
        return last == expected ? KidAlgorithm.MOD11 : KidAlgorithm.INVALID;
    }

    private static boolean wellFormed(String k) {
        int n = k.length();
        if (n < 2 || n > 25) {
            return false;
        }
        char last = k.charAt(n - 1);
        return CheckDigits.allDigits(k.substring(0, n - 1)) && (last == '-' || (last >= '0' && last <= '9'));
    }
}
