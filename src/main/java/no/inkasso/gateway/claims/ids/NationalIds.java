package no.inkasso.gateway.claims.ids;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation, birth-date extraction and normalisation of Norwegian and Swedish national ids and
 * organisation numbers.
 *
 * <p>Problem messages are short English sentences meant for the person who typed the id. They never
 * repeat the id itself, because personal ids are personal data and messages end up in logs.
 *
 * <p>Spaces are always ignored. Norwegian ids may also contain {@code -} and {@code .}; Swedish ids
 * may contain their separator ({@code -}, or {@code +} for a 10-digit personnummer) only at its
 * usual place.
 */
public final class NationalIds {

    private static final int[] FNR_K1_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] FNR_K2_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    private static final int[] ORGNR_WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private static final Pattern SE_PERSON_10 = Pattern.compile("(\\d{6})([-+]?)(\\d{4})");
    private static final Pattern SE_PERSON_12 = Pattern.compile("(\\d{2})(\\d{6})-?(\\d{4})");
    private static final Pattern SE_ORGANISATION = Pattern.compile("(?:16)?(\\d{6})-?(\\d{4})");

    private NationalIds() {
    }

    /**
     * Checks {@code value} against {@code scheme}.
     *
     * @return empty if the id is valid, otherwise one sentence describing what is wrong
     */
    public static Optional<String> problem(NationalIdScheme scheme, String value) {
        Objects.requireNonNull(scheme, "scheme");
        return Optional.ofNullable(switch (scheme) {
            case NO_PERSON -> noPersonProblem(value);
            case NO_ORGANISATION -> noOrganisationProblem(value);
            case SE_PERSON -> sePersonProblem(value);
            case SE_ORGANISATION -> seOrganisationProblem(value);
        });
    }

    /**
     * The date of birth encoded in a valid person id.
     *
     * <p>Norwegian ids carry their century in the individual number, so {@code today} is not used.
     * A 10-digit Swedish personnummer gets the most recent century that does not put the date after
     * {@code today}, or the century before that when written with {@code +} (100 years or older).
     *
     * @return empty for organisation schemes, for invalid ids, and for a 10-digit Swedish 29 February
     *     that does not exist in the century that {@code today} selects
     */
    public static Optional<LocalDate> birthDate(NationalIdScheme scheme, String value, LocalDate today) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(today, "today");
        if (problem(scheme, value).isPresent()) {
            return Optional.empty();
        }
        return switch (scheme) {
            case NO_PERSON -> noPersonBirthDate(CheckDigits.strip(value, "-."));
            case SE_PERSON -> sePersonBirthDate(CheckDigits.strip(value, ""), today);
            case NO_ORGANISATION, SE_ORGANISATION -> Optional.empty();
        };
    }

    /**
     * The canonical digits-only form: spaces and separators removed; a Swedish personnummer
     * expanded to 12 digits ({@code YYYYMMDDNNNC}) when its century can be determined (see
     * {@link #birthDate}); a Swedish organisationsnummer as 10 digits without the {@code 16} prefix.
     *
     * <p>This does not validate: a value that does not have the scheme's shape comes back with only
     * spaces and separators removed. Use {@link #problem} to validate.
     */
    public static String normalise(NationalIdScheme scheme, String value, LocalDate today) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(today, "today");
        return switch (scheme) {
            case NO_PERSON, NO_ORGANISATION -> CheckDigits.strip(value, "-.");
            case SE_PERSON -> sePersonNormalise(CheckDigits.strip(value, ""), today);
            case SE_ORGANISATION -> {
                Matcher m = SE_ORGANISATION.matcher(CheckDigits.strip(value, ""));
                yield m.matches() ? m.group(1) + m.group(2) : CheckDigits.strip(value, "-");
            }
        };
    }

    // ---- Norway: fødselsnummer / D-nummer / H-nummer / synthetic --------------------------------

    private static String noPersonProblem(String value) {
        if (CheckDigits.isBlank(value)) {
            return "fødselsnummer is missing";
        }
        String digits = CheckDigits.strip(value, "-.");
        if (digits.length() != 11 || !CheckDigits.allDigits(digits)) {
            return "fødselsnummer must be 11 digits";
        }
        char first = digits.charAt(0);
        String label = first >= '4' && first <= '7' ? "D-nummer" : "fødselsnummer";
        int k1 = CheckDigits.mod11(digits, FNR_K1_WEIGHTS);
        int k2 = CheckDigits.mod11(digits, FNR_K2_WEIGHTS);
        // A check value of 10 (remainder 1) never equals a digit, so such numbers are rejected here.
        if (k1 != digits.charAt(9) - '0' || k2 != digits.charAt(10) - '0') {
            return label + " check digits do not match";
        }
        int day = noDay(digits);
        int month = noMonth(digits);
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return label + " does not contain a valid date of birth";
        }
        if (noCentury(digits) < 0) {
            return label + " individual number does not match the year of birth";
        }
        if (noPersonBirthDate(digits).isEmpty()) {
            return label + " does not contain a valid date of birth";
        }
        return null;
    }

    /** Day of month with the D-nummer offset (+40) removed. */
    private static int noDay(String digits) {
        int day = Integer.parseInt(digits.substring(0, 2));
        return day > 40 ? day - 40 : day;
    }

    /** Month with the H-nummer (+40) or synthetic (+80) offset removed. */
    private static int noMonth(String digits) {
        int month = Integer.parseInt(digits.substring(2, 4));
        return month > 80 ? month - 80 : month > 40 ? month - 40 : month;
    }

    /** 1800, 1900 or 2000 from the individual number and the two-digit year; -1 if unassigned. */
    private static int noCentury(String digits) {
        int year = Integer.parseInt(digits.substring(4, 6));
        int individual = Integer.parseInt(digits.substring(6, 9));
        if (individual <= 499) {
            return 1900;
        }
        if (individual <= 749 && year >= 54) {
            return 1800;
        }
        if (year <= 39) {
            return 2000;
        }
        if (individual >= 900) {
            return 1900;
        }
        return -1;
    }

    /** Assumes 11 digits with valid check digits. */
    private static Optional<LocalDate> noPersonBirthDate(String digits) {
        int century = noCentury(digits);
        if (century < 0) {
            return Optional.empty();
        }
        return date(century + Integer.parseInt(digits.substring(4, 6)), noMonth(digits), noDay(digits));
    }

    // ---- Norway: organisasjonsnummer ------------------------------------------------------------

    private static String noOrganisationProblem(String value) {
        if (CheckDigits.isBlank(value)) {
            return "organisasjonsnummer is missing";
        }
        String digits = CheckDigits.strip(value, "-.");
        if (digits.length() != 9 || !CheckDigits.allDigits(digits)) {
            return "organisasjonsnummer must be 9 digits";
        }
        int check = CheckDigits.mod11(digits, ORGNR_WEIGHTS);
        // A check value of 10 (remainder 1) never equals a digit, so such numbers are rejected here.
        if (check != digits.charAt(8) - '0') {
            return "organisasjonsnummer check digit does not match";
        }
        return null;
    }

    // ---- Sweden: personnummer / samordningsnummer -----------------------------------------------

    /** Parsed shape of a Swedish personnummer; {@code century} is -1 for the 10-digit form. */
    private record SePerson(int century, String ten, char separator) {

        int yy() {
            return Integer.parseInt(ten.substring(0, 2));
        }

        int month() {
            return Integer.parseInt(ten.substring(2, 4));
        }

        /** Day of month with the samordningsnummer offset (+60) removed. */
        int day() {
            int day = Integer.parseInt(ten.substring(4, 6));
            return day > 60 ? day - 60 : day;
        }

        String label() {
            return Integer.parseInt(ten.substring(4, 6)) > 60 ? "samordningsnummer" : "personnummer";
        }
    }

    /** Expects spaces already removed; null if the value has neither the 10- nor the 12-digit shape. */
    private static SePerson sePersonParse(String compact) {
        Matcher m = SE_PERSON_10.matcher(compact);
        if (m.matches()) {
            char separator = m.group(2).isEmpty() ? '-' : m.group(2).charAt(0);
            return new SePerson(-1, m.group(1) + m.group(3), separator);
        }
        m = SE_PERSON_12.matcher(compact);
        if (m.matches()) {
            return new SePerson(Integer.parseInt(m.group(1)) * 100, m.group(2) + m.group(3), '-');
        }
        return null;
    }

    private static String sePersonProblem(String value) {
        if (CheckDigits.isBlank(value)) {
            return "personnummer is missing";
        }
        SePerson p = sePersonParse(CheckDigits.strip(value, ""));
        if (p == null) {
            return "personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)";
        }
        if (!CheckDigits.luhnValid(p.ten())) {
            return p.label() + " check digit does not match";
        }
        // A 10-digit id does not say its century; 2000 + yy is a leap year exactly when some
        // century makes 29 February of that two-digit year exist.
        boolean dateExists = p.century() < 0
                ? date(2000 + p.yy(), p.month(), p.day()).isPresent()
                : p.century() >= 1800 && p.century() <= 2000
                        && date(p.century() + p.yy(), p.month(), p.day()).isPresent();
        if (!dateExists) {
            return p.label() + " does not contain a valid date of birth";
        }
        return null;
    }

    /** Assumes a valid id with spaces removed. */
    private static Optional<LocalDate> sePersonBirthDate(String compact, LocalDate today) {
        SePerson p = sePersonParse(compact);
        if (p == null) {
            return Optional.empty();
        }
        int year = p.century() >= 0 ? p.century() + p.yy() : seYear(p, today);
        return year < 0 ? Optional.empty() : date(year, p.month(), p.day());
    }

    /** Four-digit year of a 10-digit personnummer relative to {@code today}; -1 if not a month/day. */
    private static int seYear(SePerson p, LocalDate today) {
        if (p.month() < 1 || p.month() > 12 || p.day() < 1 || p.day() > 31) {
            return -1;
        }
        int year = today.getYear() - Math.floorMod(today.getYear() - p.yy(), 100);
        // Compare month and day rather than dates, so that 29 February in a non-leap year still
        // orders correctly.
        if (year == today.getYear() && p.month() * 100 + p.day() > today.getMonthValue() * 100 + today.getDayOfMonth()) {
            year -= 100;
        }
        return p.separator() == '+' ? year - 100 : year;
    }

    private static String sePersonNormalise(String compact, LocalDate today) {
        SePerson p = sePersonParse(compact);
        if (p == null) {
            return CheckDigits.strip(compact, "-+");
        }
        if (p.century() >= 0) {
            return p.century() / 100 + p.ten();
        }
        int year = seYear(p, today);
        if (year < 0 || date(year, p.month(), p.day()).isEmpty()) {
            return p.ten();
        }
        return year / 100 + p.ten();
    }

    // ---- Sweden: organisationsnummer -----------------------------------------------------------

    private static String seOrganisationProblem(String value) {
        if (CheckDigits.isBlank(value)) {
            return "organisationsnummer is missing";
        }
        Matcher m = SE_ORGANISATION.matcher(CheckDigits.strip(value, ""));
        if (!m.matches()) {
            return "organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)";
        }
        String ten = m.group(1) + m.group(2);
        if (!CheckDigits.luhnValid(ten)) {
            return "organisationsnummer check digit does not match";
        }
        if (ten.charAt(2) < '2') {
            return "organisationsnummer must have 2 or higher as its third digit; a personnummer is not accepted";
        }
        return null;
    }

    // ---- shared ---------------------------------------------------------------------------------

    private static Optional<LocalDate> date(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
