package no.inkasso.gateway.claims.ids;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation of account numbers used to pay claims. Messages never repeat the account number.
 *
 * <p>Spaces are ignored for every type. Norwegian account numbers may also contain dots
 * ({@code 8601.11.17947}). A bankgiro number may have a {@code -} before its last four digits
 * ({@code NNN-NNNN}, {@code NNNN-NNNN}); a plusgiro number may have one before its last digit
 * ({@code NNNNNNN-N}). IBANs are accepted in print or electronic form, in either letter case.
 */
public final class BankAccounts {

    private static final int[] NO_BBAN_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** IBAN lengths from the SWIFT IBAN registry; countries not listed get the generic 15-34. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21),
            Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
            Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
            Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27));

    private static final Pattern IBAN_SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]+");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]*");
    private static final Pattern BANKGIRO = Pattern.compile("\\d{7,8}|\\d{3,4}-\\d{4}");
    private static final Pattern PLUSGIRO = Pattern.compile("\\d{2,8}|\\d{1,7}-\\d");

    private BankAccounts() {
    }

    /** Empty if {@code number} is a valid account of {@code type}, otherwise one sentence saying why not. */
    public static Optional<String> problem(AccountType type, String number) {
        Objects.requireNonNull(type, "type");
        if (CheckDigits.isBlank(number)) {
            return Optional.of("account number is missing");
        }
        return Optional.ofNullable(switch (type) {
            case NO_BBAN -> switch (noBbanFault(CheckDigits.strip(number, "."))) {
                case LENGTH -> "account number must be 11 digits";
                case CHECK_DIGIT -> "account number check digit does not match";
                case NONE -> null;
            };
            case IBAN -> ibanProblem(CheckDigits.strip(number, "").toUpperCase(Locale.ROOT));
            case SE_BANKGIRO -> giroProblem(CheckDigits.strip(number, ""), BANKGIRO,
                    "bankgiro number must be 7 or 8 digits (NNN-NNNN or NNNN-NNNN)", "bankgiro number");
            case SE_PLUSGIRO -> giroProblem(CheckDigits.strip(number, ""), PLUSGIRO,
                    "plusgiro number must be 2 to 8 digits (NNNNNNN-N)", "plusgiro number");
        });
    }

    private enum Fault { NONE, LENGTH, CHECK_DIGIT }

    private static Fault noBbanFault(String digits) {
        if (digits.length() != 11 || !CheckDigits.allDigits(digits)) {
            return Fault.LENGTH;
        }
        int check = CheckDigits.mod11(digits, NO_BBAN_WEIGHTS);
        // A check value of 10 (remainder 1) never equals a digit, so such numbers are rejected here.
        if (check != digits.charAt(10) - '0') {
            return Fault.CHECK_DIGIT;
        }
        return Fault.NONE;
    }

    private static String ibanProblem(String iban) {
        if (!ALPHANUMERIC.matcher(iban).matches()) {
            return "IBAN may only contain letters and digits";
        }
        if (!IBAN_SHAPE.matcher(iban).matches()) {
            return "IBAN must start with a two-letter country code followed by two check digits";
        }
        String country = iban.substring(0, 2);
        Integer expected = IBAN_LENGTHS.get(country);
        if (expected != null && iban.length() != expected) {
            return "IBAN for country " + country + " must be " + expected + " characters";
        }
        if (expected == null && (iban.length() < 15 || iban.length() > 34)) {
            return "IBAN must be 15 to 34 characters";
        }
        int checkDigits = Integer.parseInt(iban.substring(2, 4));
        if (checkDigits < 2 || checkDigits > 98 || mod97(iban) != 1) {
            return "IBAN check digits do not match";
        }
        if (country.equals("NO")) {
            // The Norwegian BBAN carries its own MOD11 check digit; no real account fails it.
            return switch (noBbanFault(iban.substring(4))) {
                case LENGTH -> "IBAN for country NO must have 11 digits after the check digits";
                case CHECK_DIGIT -> "IBAN contains a Norwegian account number whose check digit does not match";
                case NONE -> null;
            };
        }
        return null;
    }

    /** ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end. */
    private static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            remainder = c <= '9'
                    ? (remainder * 10 + (c - '0')) % 97
                    : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder;
    }

    private static String giroProblem(String number, Pattern shape, String shapeMessage, String what) {
        if (!shape.matcher(number).matches()) {
            return shapeMessage;
        }
        if (!CheckDigits.luhnValid(number.replace("-", ""))) {
            return what + " check digit does not match";
        }
        return null;
    }
}
