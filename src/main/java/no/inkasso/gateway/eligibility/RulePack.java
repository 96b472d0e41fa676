package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import no.inkasso.gateway.claims.model.NoticeKind;

/**
 * One jurisdiction's collection rules from a date on (config/rules/&lt;country&gt;-rules.yml). Every
 * figure the rules engine uses that is law rather than an agency's choice lives here, so a change
 * in the law is a new pack with a new {@code from} date.
 *
 * @param requiredNotice the notice the law requires before collection (Norway: inkassovarsel), or null
 * @param loanClaimTypes claim types that may rest on a loan or promissory note, with the longer
 *                       {@code limitationLoanYears}: past the ordinary bar but within that, a person decides
 */
public record RulePack(
        String country,
        LocalDate from,
        String source,
        List<String> currencies,
        int minDaysAfterDue,
        NoticeKind requiredNotice,
        int requiredNoticeMinDeadlineDays,
        NoticeKind reminderKind,
        int feeMinDaysAfterDue,
        int limitationConsumerYears,
        int limitationBusinessYears,
        int limitationLegalStepYears,
        boolean noticesInterruptLimitation,
        int reviewDaysBeforeLimitation,
        int minorAge,
        String postalCodePattern,
        java.util.Set<no.inkasso.gateway.claims.model.ClaimType> loanClaimTypes,
        int limitationLoanYears) {

    public RulePack {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(from, "from");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("pack from " + from + " has no source");
        }
        currencies = List.copyOf(Objects.requireNonNull(currencies, "currencies"));
        Objects.requireNonNull(reminderKind, "reminder-kind");
        Objects.requireNonNull(postalCodePattern, "postal-code-pattern");
        loanClaimTypes = loanClaimTypes == null ? java.util.Set.of() : java.util.Set.copyOf(loanClaimTypes);
        if (!loanClaimTypes.isEmpty() && limitationLoanYears < 1) {
            throw new IllegalArgumentException("loan-claim-types needs limitation-loan-years");
        }
        Pattern.compile(postalCodePattern);
        if (minDaysAfterDue < 1) {
            throw new IllegalArgumentException("min-days-after-due must be at least 1 (the due date must have passed)");
        }
        if (limitationConsumerYears < 1 || limitationBusinessYears < 1 || limitationLegalStepYears < 1 || minorAge < 1) {
            throw new IllegalArgumentException("limitation years and minor age must be positive");
        }
    }

    public int limitationYears(DebtorKind debtor) {
        return debtor == DebtorKind.BUSINESS ? limitationBusinessYears : limitationConsumerYears;
    }

    public boolean postalCodeUsable(String postalCode) {
        return postalCode != null && postalCode.trim().matches(postalCodePattern);
    }
}
