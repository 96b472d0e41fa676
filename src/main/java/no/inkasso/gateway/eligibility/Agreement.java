package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import no.inkasso.gateway.claims.model.ClaimType;

/**
 * A creditor's agreement with an agency, in force {@code from}..{@code to} (inclusive; no {@code to}
 * = open-ended), optionally only for some debtor countries or claim types (empty = any) and for an
 * amount band of the claim's outstanding principal ({@code minAmount}..{@code maxAmount}, inclusive;
 * either open when absent) — e.g. small claims to one agency, large ones to another.
 */
public record Agreement(
        String creditor,
        String agency,
        LocalDate from,
        LocalDate to,
        List<String> debtorCountries,
        List<ClaimType> claimTypes,
        BigDecimal minAmount,
        BigDecimal maxAmount) {

    public Agreement(String creditor, String agency, LocalDate from, LocalDate to, List<String> debtorCountries, List<ClaimType> claimTypes) {
        this(creditor, agency, from, to, debtorCountries, claimTypes, null, null);
    }

    public Agreement {
        Objects.requireNonNull(creditor, "creditor");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(from, "from of the agreement of creditor " + creditor);
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("agreement of creditor " + creditor + " ends before it starts");
        }
        debtorCountries = debtorCountries == null ? List.of() : List.copyOf(debtorCountries);
        claimTypes = claimTypes == null ? List.of() : List.copyOf(claimTypes);
        if (minAmount != null && maxAmount != null && maxAmount.compareTo(minAmount) < 0) {
            throw new IllegalArgumentException("agreement of creditor " + creditor + " with " + agency + ": max-amount is below min-amount");
        }
    }

    public boolean inForce(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    public boolean covers(String debtorCountry, ClaimType claimType, BigDecimal outstanding) {
        return (debtorCountries.isEmpty() || debtorCountries.contains(debtorCountry))
                && (claimTypes.isEmpty() || claimTypes.contains(claimType))
                && (minAmount == null || outstanding.compareTo(minAmount) >= 0)
                && (maxAmount == null || outstanding.compareTo(maxAmount) <= 0);
    }
}
