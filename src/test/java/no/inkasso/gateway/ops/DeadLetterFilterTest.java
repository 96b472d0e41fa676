package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterFilterTest {

    /** Dead-lettered at 10:00 (first sent 09:00), case c-1, reason "Agency timeout after 400 ms". */
    private static final DeadLetter LETTER = new DeadLetter("1", "q.dlq", "q", null, 0, null, "Agency timeout after 400 ms",
            Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"), Map.of("caseId", "c-1"), "text", "{}", 2);

    @ParameterizedTest(name = "caseId={0} reason={1} from={2} to={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "-,    -,        -,                    -,                    true",
            "c-1,  -,        -,                    -,                    true",
            "c-2,  -,        -,                    -,                    false",
            "-,    TIMEOUT,  -,                    -,                    true",
            "-,    422,      -,                    -,                    false",
            "-,    -,        2026-11-23T10:00:00Z, -,                    true",
            "-,    -,        2026-11-23T10:00:01Z, -,                    false",
            "-,    -,        -,                    2026-11-23T10:00:00Z, false",
            "-,    -,        -,                    2026-11-23T10:00:01Z, true",
            "c-1,  timeout,  2026-11-23T09:30:00Z, 2026-11-23T10:30:00Z, true",
            "c-1,  refused,  2026-11-23T09:30:00Z, 2026-11-23T10:30:00Z, false"})
    void takesADeadLetterOnlyWhenEveryGivenConditionHolds(String caseId, String reason, Instant from, Instant to, boolean taken) {
        assertThat(new DeadLetterFilter(caseId, reason, from, to).matches(LETTER)).isEqualTo(taken);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-23T09:00:00Z, true", "2026-11-23T09:00:01Z, false"})
    void aLetterTheBrokerDidNotStampIsTimedByItsFirstAttempt(Instant from, boolean taken) {
        DeadLetter unstamped = new DeadLetter("1", "q.dlq", "q", null, 0, null, "r", Instant.parse("2026-11-23T09:00:00Z"), null,
                Map.of(), "text", "{}", 2);
        assertThat(new DeadLetterFilter(null, null, from, null).matches(unstamped)).isEqualTo(taken);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "-   | -       | all",
            "c-1 | -       | caseId=c-1",
            "c-1 | timeout | caseId=c-1, reason~\"timeout\""})
    void describesItselfForTheAudit(String caseId, String reason, String described) {
        assertThat(new DeadLetterFilter(caseId, reason, null, null).describe()).isEqualTo(described);
    }
}
