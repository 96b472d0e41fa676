package no.inkasso.gateway.claims.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check digit below was computed by hand-written code independent of the code under test
 * (a separate script), not at test run time. Individual numbers (digits 7-9 of a fødselsnummer)
 * are chosen to exercise each century rule.
 */
class NationalIdsTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    @ParameterizedTest(name = "{0} {1} is valid, born {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # scheme    | value            | birth date
            NO_PERSON   | 01019012480      | 1990-01-01
            NO_PERSON   | 15058700069      | 1987-05-15
            NO_PERSON   | 31129940053      | 1999-12-31
            NO_PERSON   | 01010040090      | 1900-01-01
            # individual 000-499 -> 1900s, even for year 39
            NO_PERSON   | 01013949960      | 1939-01-01
            # individual 500-999 with year 00-39 -> 2000s, and 2000 is a leap year
            NO_PERSON   | 29020050088      | 2000-02-29
            NO_PERSON   | 01011050081      | 2010-01-01
            NO_PERSON   | 01013999984      | 2039-01-01
            # individual 500-749 with year 54-99 -> 1800s
            NO_PERSON   | 15055450045      | 1854-05-15
            NO_PERSON   | 15055460008      | 1854-05-15
            NO_PERSON   | 01015474943      | 1854-01-01
            NO_PERSON   | 01019974940      | 1899-01-01
            # individual 900-999 with year 40-99 -> 1900s
            NO_PERSON   | 01016090073      | 1960-01-01
            NO_PERSON   | 31124095045      | 1940-12-31
            NO_PERSON   | 02017090030      | 1970-01-02
            # D-nummer (day + 40)
            NO_PERSON   | 41019012393      | 1990-01-01
            NO_PERSON   | 71129912302      | 1999-12-31
            # H-nummer (month + 40), D- and H- combined
            NO_PERSON   | 01419012382      | 1990-01-01
            NO_PERSON   | 71529012327      | 1990-12-31
            # synthetic test id (month + 80), also as D-nummer
            NO_PERSON   | 01819012365      | 1990-01-01
            NO_PERSON   | 41819012359      | 1990-01-01
            # separators are ignored
            NO_PERSON   | 010190 12480     | 1990-01-01
            NO_PERSON   | 010190-12480     | 1990-01-01
            # Swedish personnummer, 10 digits; century relative to TODAY = 2025-06-15
            SE_PERSON   | 121212-1212      | 2012-12-12
            SE_PERSON   | 1212121212       | 2012-12-12
            SE_PERSON   | ' 121212 - 1212 '| 2012-12-12
            SE_PERSON   | 811218-9876      | 1981-12-18
            SE_PERSON   | 990101-1230      | 1999-01-01
            SE_PERSON   | 250615-1238      | 2025-06-15
            # tomorrow in 2025 would be in the future, so 1925
            SE_PERSON   | 250616-1237      | 1925-06-16
            SE_PERSON   | 040229-1231      | 2004-02-29
            SE_PERSON   | 000229-1235      | 2000-02-29
            # '+' means 100 years or older
            SE_PERSON   | 121212+1212      | 1912-12-12
            SE_PERSON   | 240101+1230      | 1924-01-01
            # samordningsnummer (day + 60)
            SE_PERSON   | 121272-1219      | 2012-12-12
            SE_PERSON   | 991291-1238      | 1999-12-31
            # 12 digits carry their century
            SE_PERSON   | 19121212-1212    | 1912-12-12
            SE_PERSON   | 191212121212     | 1912-12-12
            SE_PERSON   | 201212121212     | 2012-12-12
            SE_PERSON   | 200002291235     | 2000-02-29
            """)
    void validPersonIds(NationalIdScheme scheme, String value, LocalDate birthDate) {
        assertThat(NationalIds.problem(scheme, value)).isEmpty();
        assertThat(NationalIds.birthDate(scheme, value, TODAY)).contains(birthDate);
    }

    @ParameterizedTest(name = "{0} {1} is valid")
    @CsvSource(delimiter = '|', textBlock = """
            # Equinor ASA, Brønnøysundregistrene
            NO_ORGANISATION | 923609016
            NO_ORGANISATION | 974760673
            NO_ORGANISATION | 923 609 016
            NO_ORGANISATION | 974.760.673
            # Swedish organisationsnummer (Luhn verified)
            SE_ORGANISATION | 556036-0793
            SE_ORGANISATION | 5560360793
            SE_ORGANISATION | 556074-3089
            SE_ORGANISATION | 556012-5790
            SE_ORGANISATION | 556042-7220
            SE_ORGANISATION | 556016-0680
            # third digit exactly 2
            SE_ORGANISATION | 202100-5489
            # 12-digit form with the 16 prefix
            SE_ORGANISATION | 16556036-0793
            SE_ORGANISATION | 165560360793
            """)
    void validOrganisationIdsHaveNoBirthDate(NationalIdScheme scheme, String value) {
        assertThat(NationalIds.problem(scheme, value)).isEmpty();
        assertThat(NationalIds.birthDate(scheme, value, TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # scheme        | value          | problem
            NO_PERSON       | 0101901248     | fødselsnummer must be 11 digits
            NO_PERSON       | 010190124800   | fødselsnummer must be 11 digits
            NO_PERSON       | 0101901248A    | fødselsnummer must be 11 digits
            NO_PERSON       | 01019O12480    | fødselsnummer must be 11 digits
            NO_PERSON       | 010190/12480   | fødselsnummer must be 11 digits
            # last digit changed
            NO_PERSON       | 01019012481    | fødselsnummer check digits do not match
            # first check digit changed
            NO_PERSON       | 01019012470    | fødselsnummer check digits do not match
            # first check digit would have to be 10, so no digit fits
            NO_PERSON       | 01019001200    | fødselsnummer check digits do not match
            NO_PERSON       | 41019012394    | D-nummer check digits do not match
            # the rest have correct check digits but impossible dates
            # 31 February 1999
            NO_PERSON       | 31029940005    | fødselsnummer does not contain a valid date of birth
            # 29 February 1900 (not a leap year)
            NO_PERSON       | 29020010027    | fødselsnummer does not contain a valid date of birth
            NO_PERSON       | 01139012328    | fødselsnummer does not contain a valid date of birth
            NO_PERSON       | 32019012351    | fødselsnummer does not contain a valid date of birth
            NO_PERSON       | 00019012360    | fødselsnummer does not contain a valid date of birth
            NO_PERSON       | 01009012490    | fødselsnummer does not contain a valid date of birth
            # month 53 and 93 are 13 after removing +40 / +80
            NO_PERSON       | 01539012300    | fødselsnummer does not contain a valid date of birth
            NO_PERSON       | 01939012393    | fødselsnummer does not contain a valid date of birth
            # D-nummer 31 February, D-nummer day 32
            NO_PERSON       | 71029012487    | D-nummer does not contain a valid date of birth
            NO_PERSON       | 72019012345    | D-nummer does not contain a valid date of birth
            # individual numbers never issued for that year: 750/40, 750/99, 500/53, 800/70, 899/70, 899/40
            NO_PERSON       | 01014075069    | fødselsnummer individual number does not match the year of birth
            NO_PERSON       | 01019975068    | fødselsnummer individual number does not match the year of birth
            NO_PERSON       | 01017089966    | fødselsnummer individual number does not match the year of birth
            NO_PERSON       | 01014089981    | fødselsnummer individual number does not match the year of birth
            NO_PERSON       | 01015350047    | fødselsnummer individual number does not match the year of birth
            NO_PERSON       | 01017080039    | fødselsnummer individual number does not match the year of birth
            NO_ORGANISATION | 92360901       | organisasjonsnummer must be 9 digits
            NO_ORGANISATION | 9236090160     | organisasjonsnummer must be 9 digits
            NO_ORGANISATION | 92360901X      | organisasjonsnummer must be 9 digits
            NO_ORGANISATION | 923609017      | organisasjonsnummer check digit does not match
            NO_ORGANISATION | 974760674      | organisasjonsnummer check digit does not match
            # weighted sum leaves remainder 1: no check digit is valid
            NO_ORGANISATION | 914770050      | organisasjonsnummer check digit does not match
            SE_PERSON       | 121212-121     | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 12121212121    | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 1212121212123  | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 121212-12A2    | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 121212/1212    | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 1212-121212    | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            # '+' belongs to the 10-digit form only
            SE_PERSON       | 19121212+1212  | personnummer must be 10 or 12 digits (YYMMDD-NNNC or YYYYMMDDNNNC)
            SE_PERSON       | 121212-1213    | personnummer check digit does not match
            SE_PERSON       | 191212121213   | personnummer check digit does not match
            SE_PERSON       | 121272-1218    | samordningsnummer check digit does not match
            # correct check digits, impossible dates: 31 Feb, month 13, 29 Feb 2001
            SE_PERSON       | 190231-1230    | personnummer does not contain a valid date of birth
            SE_PERSON       | 121312-1237    | personnummer does not contain a valid date of birth
            SE_PERSON       | 010229-1234    | personnummer does not contain a valid date of birth
            # 29 Feb 1900, and a century that cannot be a living person's
            SE_PERSON       | 190002291235   | personnummer does not contain a valid date of birth
            SE_PERSON       | 171212121212   | personnummer does not contain a valid date of birth
            # day 45 is neither a day nor a samordningsnummer day; day 92 - 60 = 32
            SE_PERSON       | 991245-1235    | personnummer does not contain a valid date of birth
            SE_PERSON       | 991292-1237    | samordningsnummer does not contain a valid date of birth
            SE_ORGANISATION | 556036-079     | organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)
            SE_ORGANISATION | 55603607931    | organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)
            SE_ORGANISATION | 556036+0793    | organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)
            SE_ORGANISATION | 55603A-0793    | organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)
            # a 12-digit form must start with 16
            SE_ORGANISATION | 195560360793   | organisationsnummer must be 10 digits (NNNNNN-NNNN, optionally prefixed 16)
            SE_ORGANISATION | 556036-0794    | organisationsnummer check digit does not match
            SE_ORGANISATION | 16556036-0794  | organisationsnummer check digit does not match
            # a valid personnummer (third digit 1) is not an organisationsnummer
            SE_ORGANISATION | 121212-1212    | organisationsnummer must have 2 or higher as its third digit; a personnummer is not accepted
            """)
    void invalidIds(NationalIdScheme scheme, String value, String expected) {
        assertThat(NationalIds.problem(scheme, value)).contains(expected);
        assertThat(NationalIds.birthDate(scheme, value, TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: message does not repeat the id")
    @CsvSource(delimiter = '|', textBlock = """
            NO_PERSON       | 01019012481
            NO_PERSON       | 31029940005
            NO_PERSON       | 01014075069
            NO_PERSON       | 0101901248
            NO_ORGANISATION | 923609017
            SE_PERSON       | 121212-1213
            SE_PERSON       | 190231-1230
            SE_PERSON       | 121212-121
            SE_ORGANISATION | 121212-1212
            """)
    void problemNeverContainsTheId(NationalIdScheme scheme, String value) {
        String digits = value.replaceAll("\\D", "");
        assertThat(NationalIds.problem(scheme, value))
                .hasValueSatisfying(message -> assertThat(message)
                        .doesNotContain(digits)
                        .doesNotContain(value)
                        .doesNotContain(digits.substring(0, 6))
                        .doesNotContain(digits.substring(digits.length() - 5)));
    }

    @ParameterizedTest(name = "{0} null or blank")
    @CsvSource(delimiter = '|', textBlock = """
            NO_PERSON       | fødselsnummer is missing
            NO_ORGANISATION | organisasjonsnummer is missing
            SE_PERSON       | personnummer is missing
            SE_ORGANISATION | organisationsnummer is missing
            """)
    void missingValue(NationalIdScheme scheme, String expected) {
        assertThat(NationalIds.problem(scheme, null)).contains(expected);
        assertThat(NationalIds.problem(scheme, "")).contains(expected);
        assertThat(NationalIds.problem(scheme, "   ")).contains(expected);
        assertThat(NationalIds.birthDate(scheme, null, TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # value     | today      | birth date (empty: none)
            121212-1212 | 2012-12-12 | 2012-12-12
            121212-1212 | 2012-12-11 | 1912-12-12
            121212-1212 | 2112-12-11 | 2012-12-12
            121212+1212 | 2012-12-12 | 1912-12-12
            121212+1212 | 2012-12-11 | 1812-12-12
            991231-1231 | 2000-01-01 | 1999-12-31
            000229-1235 | 2000-02-29 | 2000-02-29
            # the day before, 2000-02-29 lies ahead, and 1900-02-29 never existed
            000229-1235 | 2000-02-28 |
            # 12 digits do not depend on today
            201212121212| 1990-01-01 | 2012-12-12
            """)
    void swedishCenturyDependsOnToday(String value, LocalDate today, LocalDate expected) {
        if (expected == null) {
            assertThat(NationalIds.birthDate(NationalIdScheme.SE_PERSON, value, today)).isEmpty();
        } else {
            assertThat(NationalIds.birthDate(NationalIdScheme.SE_PERSON, value, today)).contains(expected);
        }
    }

    @Test
    void centenarianBornOnLeapDayOf1900DoesNotExist() {
        // 000229+1235: the 10-digit form alone cannot rule out 29 February (2000 was a leap year),
        // so it passes problem(); with '+' and today = 2025 the century is 1900, which had no such day.
        assertThat(NationalIds.problem(NationalIdScheme.SE_PERSON, "000229+1235")).isEmpty();
        assertThat(NationalIds.birthDate(NationalIdScheme.SE_PERSON, "000229+1235", TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            NO_PERSON       | 010190 12480     | 01019012480
            NO_PERSON       | 010190-12480     | 01019012480
            NO_PERSON       | ' 01019012480 '  | 01019012480
            NO_ORGANISATION | 923 609 016      | 923609016
            NO_ORGANISATION | 923.609.016      | 923609016
            SE_PERSON       | 121212-1212      | 201212121212
            SE_PERSON       | 1212121212       | 201212121212
            SE_PERSON       | 121212+1212      | 191212121212
            SE_PERSON       | 250616-1237      | 192506161237
            SE_PERSON       | 121272-1219      | 201212721219
            SE_PERSON       | 19121212-1212    | 191212121212
            SE_PERSON       | 191212121212     | 191212121212
            # century not determinable (month 13): digits only, 10 of them
            SE_PERSON       | 121312-1237      | 1213121237
            # not a personnummer shape at all: separators and spaces removed only
            SE_PERSON       | 12 34-5          | 12345
            SE_ORGANISATION | 556036-0793      | 5560360793
            SE_ORGANISATION | 16556036-0793    | 5560360793
            SE_ORGANISATION | 165560360793     | 5560360793
            SE_ORGANISATION | 5560 36-0793     | 5560360793
            """)
    void normalise(NationalIdScheme scheme, String value, String expected) {
        assertThat(NationalIds.normalise(scheme, value, TODAY)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(NationalIdScheme.class)
    void normaliseOfNullIsEmpty(NationalIdScheme scheme) {
        assertThat(NationalIds.normalise(scheme, null, TODAY)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "01019012480")
    void schemeIsRequired(String value) {
        assertThatNullPointerException().isThrownBy(() -> NationalIds.problem(null, value));
        assertThatNullPointerException().isThrownBy(() -> NationalIds.birthDate(null, value, TODAY));
        assertThatNullPointerException().isThrownBy(() -> NationalIds.normalise(null, value, TODAY));
    }
}
