package no.inkasso.gateway.claims.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Check digits below were computed independently of the code under test. */
class BankAccountsTest {

    @ParameterizedTest(name = "{0} {1} is valid")
    @CsvSource(delimiter = '|', textBlock = """
            NO_BBAN     | 86011117947
            NO_BBAN     | 8601.11.17947
            NO_BBAN     | 8601 11 17947
            NO_BBAN     | 12345678903
            IBAN        | NO9386011117947
            IBAN        | NO93 8601 1117 947
            IBAN        | no9386011117947
            IBAN        | NO9786010002569
            IBAN        | SE4550000000058398257466
            IBAN        | GB82WEST12345698765432
            IBAN        | GB82 WEST 1234 5698 7654 32
            IBAN        | DE89370400440532013000
            IBAN        | DK5000400440116243
            IBAN        | FI2112345600000785
            IBAN        | NL91ABNA0417164300
            IBAN        | FR1420041010050500013M02606
            IBAN        | CH9300762011623852957
            # a country without a specific length in the table: generic 15-34
            IBAN        | XK051212012345678906
            SE_BANKGIRO | 5050-1055
            SE_BANKGIRO | 50501055
            SE_BANKGIRO | 902-0900
            SE_BANKGIRO | 9020900
            SE_PLUSGIRO | 90 01 22-3
            SE_PLUSGIRO | 900122-3
            SE_PLUSGIRO | 9001223
            SE_PLUSGIRO | 12345674
            SE_PLUSGIRO | 1234567-4
            SE_PLUSGIRO | 18
            SE_PLUSGIRO | 1-8
            """)
    void validAccounts(AccountType type, String number) {
        assertThat(BankAccounts.problem(type, number)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # last digit changed
            NO_BBAN     | 86011117948                  | account number check digit does not match
            NO_BBAN     | 12345678904                  | account number check digit does not match
            # weighted sum leaves remainder 1: no check digit is valid
            NO_BBAN     | 86011110080                  | account number check digit does not match
            NO_BBAN     | 8601111794                   | account number must be 11 digits
            NO_BBAN     | 860111179470                 | account number must be 11 digits
            NO_BBAN     | 8601111794A                  | account number must be 11 digits
            NO_BBAN     | 8601-11-17947                | account number must be 11 digits
            # check digits changed
            IBAN        | NO9486011117947              | IBAN check digits do not match
            IBAN        | SE4650000000058398257466     | IBAN check digits do not match
            # last character changed
            IBAN        | GB82WEST12345698765433       | IBAN check digits do not match
            # passes mod 97, but 00 is not an allowed pair of check digits (97 is the valid one)
            IBAN        | NO0086010002569              | IBAN check digits do not match
            # mod 97 is fine, but the Norwegian account number inside is not
            IBAN        | NO6686011117948              | IBAN contains a Norwegian account number whose check digit does not match
            IBAN        | NO088601111794A              | IBAN for country NO must have 11 digits after the check digits
            IBAN        | NO938601111794               | IBAN for country NO must be 15 characters
            IBAN        | NO93860111179470             | IBAN for country NO must be 15 characters
            IBAN        | SE45500000000583982574661    | IBAN for country SE must be 24 characters
            IBAN        | GB82WEST1234569876543        | IBAN for country GB must be 22 characters
            IBAN        | DK500040044011624            | IBAN for country DK must be 18 characters
            IBAN        | FI21123456000007851          | IBAN for country FI must be 18 characters
            IBAN        | DE8937040044053201300        | IBAN for country DE must be 22 characters
            IBAN        | XK0512120123                 | IBAN must be 15 to 34 characters
            # 35 characters
            IBAN        | XK051234567890123456789012345678901 | IBAN must be 15 to 34 characters
            IBAN        | NO93-8601-1117-947           | IBAN may only contain letters and digits
            IBAN        | 9386011117947NO              | IBAN must start with a two-letter country code followed by two check digits
            IBAN        | NOAB86011117947              | IBAN must start with a two-letter country code followed by two check digits
            IBAN        | NO93                         | IBAN must start with a two-letter country code followed by two check digits
            SE_BANKGIRO | 5050-1056                    | bankgiro number check digit does not match
            SE_BANKGIRO | 9020901                      | bankgiro number check digit does not match
            SE_BANKGIRO | 123455                       | bankgiro number must be 7 or 8 digits (NNN-NNNN or NNNN-NNNN)
            # nine digits, Luhn-valid
            SE_BANKGIRO | 123456782                    | bankgiro number must be 7 or 8 digits (NNN-NNNN or NNNN-NNNN)
            SE_BANKGIRO | 50-501055                    | bankgiro number must be 7 or 8 digits (NNN-NNNN or NNNN-NNNN)
            SE_BANKGIRO | 5050105A                     | bankgiro number must be 7 or 8 digits (NNN-NNNN or NNNN-NNNN)
            SE_PLUSGIRO | 900122-4                     | plusgiro number check digit does not match
            SE_PLUSGIRO | 19                           | plusgiro number check digit does not match
            SE_PLUSGIRO | 1                            | plusgiro number must be 2 to 8 digits (NNNNNNN-N)
            # nine digits, Luhn-valid
            SE_PLUSGIRO | 123456782                    | plusgiro number must be 2 to 8 digits (NNNNNNN-N)
            SE_PLUSGIRO | 9001-223                     | plusgiro number must be 2 to 8 digits (NNNNNNN-N)
            SE_PLUSGIRO | 900122-A                     | plusgiro number must be 2 to 8 digits (NNNNNNN-N)
            """)
    void invalidAccounts(AccountType type, String number, String expected) {
        assertThat(BankAccounts.problem(type, number)).contains(expected);
        String compact = number.replaceAll("[^0-9A-Za-z]", "");
        if (compact.length() >= 4) {
            assertThat(expected).doesNotContainIgnoringCase(compact);
        }
    }

    @ParameterizedTest
    @EnumSource(AccountType.class)
    void missingNumber(AccountType type) {
        assertThat(BankAccounts.problem(type, null)).contains("account number is missing");
        assertThat(BankAccounts.problem(type, "")).contains("account number is missing");
        assertThat(BankAccounts.problem(type, " ")).contains("account number is missing");
    }

    @Test
    void typeIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> BankAccounts.problem(null, "86011117947"));
    }
}
