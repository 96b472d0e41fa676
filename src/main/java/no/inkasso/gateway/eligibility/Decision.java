package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An eligibility decision as of a date: the verdict, why (every rule checked, in order), the agency
 * the case would go to, and for an eligible claim the amount to collect.
 *
 * @param jurisdiction  whose law was applied (the debtor's country when the gateway has rules for it,
 *                      otherwise the creditor's)
 * @param rulePackFrom  the {@code from} date of the rule pack applied, or null when none was in force
 * @param agency        the agency the case goes (or would go) to, or null when none was found
 * @param eligibleFrom  for {@link Verdict#NOT_YET}: the earliest date it becomes eligible
 * @param reasonCodes   for NOT_YET, REJECTED and MANUAL_REVIEW: the codes of the rules that decided it
 * @param summary       one line for people, naming the verdict and the reasons
 * @param flags         facts the agency must act on, e.g. {@code MINOR_PROCEDURE}
 * @param amounts       for ELIGIBLE only
 */
public record Decision(
        Verdict verdict,
        LocalDate asOf,
        String jurisdiction,
        LocalDate rulePackFrom,
        String agency,
        LocalDate eligibleFrom,
        List<String> reasonCodes,
        String summary,
        List<RuleCheck> rules,
        List<String> flags,
        Amounts amounts) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(asOf, "asOf");
        reasonCodes = List.copyOf(reasonCodes);
        rules = List.copyOf(rules);
        flags = List.copyOf(flags);
    }

    /** The check of the rule {@code id}, for tests and explanations. */
    public RuleCheck rule(String id) {
        return rules.stream().filter(r -> r.rule().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id + " in this decision"));
    }
}
