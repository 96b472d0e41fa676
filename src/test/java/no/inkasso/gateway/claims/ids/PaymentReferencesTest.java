package no.inkasso.gateway.claims.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Check digits below were computed independently of the code under test. */
class PaymentReferencesTest {

    @ParameterizedTest(name = "{0} is a valid {1} KID")
    @CsvSource(delimiter = '|', textBlock = """
            # KID                         | algorithm
            # Luhn only
            123456789012345678901234      | MOD10
            0003434323213239              | MOD10
            18                            | MOD10
            # 25 characters, the maximum
            0000000000000000000000018     | MOD10
            # both Luhn and MOD11 give the same check digit: MOD10 is reported
            12345674                      | MOD10
            12345678903                   | MOD10
            # MOD11 only
            123456789012345678901239      | MOD11
            0003434323213233              | MOD11
            # MOD11 remainder 10 is written '-'
            1009-                         | MOD11
            ' 12345674 '                  | MOD10
            """)
    void validKids(String kid, KidAlgorithm algorithm) {
        assertThat(PaymentReferences.kidProblem(kid)).isEmpty();
        assertThat(PaymentReferences.kidAlgorithm(kid)).isEqualTo(algorithm);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # neither MOD10 (would need 9) nor MOD11 (would need 3)
            0003434323213231              | KID check digit does not match (neither MOD10 nor MOD11)
            # last digit changed
            12345678904                   | KID check digit does not match (neither MOD10 nor MOD11)
            123456789012345678901235      | KID check digit does not match (neither MOD10 nor MOD11)
            # '-' where MOD11 gives 1
            1008-                         | KID check digit does not match (neither MOD10 nor MOD11)
            1                             | KID must be 2 to 25 digits (the last may be '-')
            -                             | KID must be 2 to 25 digits (the last may be '-')
            # 26 characters, Luhn-valid
            00000000000000000000000018    | KID must be 2 to 25 digits (the last may be '-')
            12-45                         | KID must be 2 to 25 digits (the last may be '-')
            -1009                         | KID must be 2 to 25 digits (the last may be '-')
            --                            | KID must be 2 to 25 digits (the last may be '-')
            1234567A                      | KID must be 2 to 25 digits (the last may be '-')
            1234 5674                     | KID must be 2 to 25 digits (the last may be '-')
            """)
    void invalidKids(String kid, String expected) {
        assertThat(PaymentReferences.kidProblem(kid)).contains(expected);
        assertThat(PaymentReferences.kidAlgorithm(kid)).isEqualTo(KidAlgorithm.INVALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void missingKid(String kid) {
        assertThat(PaymentReferences.kidProblem(kid)).contains("KID is missing");
        assertThat(PaymentReferences.kidAlgorithm(kid)).isEqualTo(KidAlgorithm.INVALID);
    }
}
