package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One rule checked: its id, outcome, a reason code when it did not pass, a one-line explanation in
 * English and in the jurisdiction's language, and for {@link RuleOutcome#NOT_YET} the date it is met.
 */
public record RuleCheck(String rule, RuleOutcome outcome, String code, String explanation, String localExplanation,
                        LocalDate from) {

    public RuleCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(explanation, "explanation");
        if ((outcome == RuleOutcome.FAIL || outcome == RuleOutcome.REVIEW || outcome == RuleOutcome.NOT_YET) && code == null) {
            throw new IllegalArgumentException(rule + ": a " + outcome + " needs a reason code");
        }
        if (outcome == RuleOutcome.NOT_YET && from == null) {
            throw new IllegalArgumentException(rule + ": NOT_YET needs the date it is met");
        }
    }
}
