package no.inkasso.gateway.eligibility;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.inkasso.gateway.claims.model.ClaimType;

/**
 * What one collection agency accepts (config/agencies.yml): where and in which currency it collects,
 * the claim types it refuses, amount limits, and the steps it wants before a case comes.
 *
 * @param minAmount     smallest outstanding principal taken (inclusive), or null for none
 * @param maxAmount     largest outstanding principal taken (inclusive), or null for none
 * @param graceDays     days after the notice deadline before the agency takes the case
 * @param minDaysAfterDue days after the due date the agency waits; the law's minimum applies if larger
 */
@JsonIgnoreProperties({"delivery"}) // how cases reach the agency: read by agency routing (routing.AgencyDirectory)
public record AgencyTerms(
        String id,
        String name,
        List<String> jurisdictions,
        List<String> currencies,
        Set<ClaimType> refusedClaimTypes,
        boolean refusesDebtorAbroad,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        boolean reminderRequired,
        int graceDays,
        int minDaysAfterDue,
        MinorPolicy minors) {

    /** What the agency does with a debtor under age: runs its minor's procedure, or refuses the case. */
    public enum MinorPolicy {
        FLAG,
        REJECT
    }

    public AgencyTerms {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        jurisdictions = List.copyOf(Objects.requireNonNull(jurisdictions, "jurisdictions of agency " + id));
        currencies = List.copyOf(Objects.requireNonNull(currencies, "currencies of agency " + id));
        refusedClaimTypes = refusedClaimTypes == null ? Set.of() : Set.copyOf(refusedClaimTypes);
        minors = minors == null ? MinorPolicy.FLAG : minors;
        if (graceDays < 0 || minDaysAfterDue < 0) {
            throw new IllegalArgumentException("agency " + id + ": grace-days and min-days-after-due must not be negative");
        }
        if (minAmount != null && maxAmount != null && minAmount.compareTo(maxAmount) > 0) {
            throw new IllegalArgumentException("agency " + id + ": min-amount is larger than max-amount");
        }
    }
}
