package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.inkasso.gateway.claims.model.ClaimType;

/**
 * Everything the rules engine decides by, read from {@code config/}: the dated rule packs per
 * jurisdiction, the rate tables, the agencies' terms, the creditors' agreements and the ledgers' terms.
 * Checked for consistency when built, so a decision never meets a dangling reference.
 */
public final class RuleBook {

    private final Map<String, List<RulePack>> packs;
    private final NorwayRates norway;
    private final SwedenRates sweden;
    private final Map<String, AgencyTerms> agencies;
    private final List<Agreement> agreements;
    private final Map<String, LedgerTerms> ledgers;

    public RuleBook(List<RulePack> packs, NorwayRates norway, SwedenRates sweden, List<AgencyTerms> agencies,
                    List<Agreement> agreements, List<LedgerTerms> ledgers) {
        Map<String, List<RulePack>> byCountry = new HashMap<>();
        for (RulePack pack : packs) {
            byCountry.computeIfAbsent(pack.country(), c -> new java.util.ArrayList<>()).add(pack);
        }
        byCountry.replaceAll((country, list) -> {
            List<RulePack> sorted = list.stream().sorted(Comparator.comparing(RulePack::from)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).from().equals(sorted.get(i - 1).from())) {
                    throw new IllegalArgumentException(country + ": two rule packs from " + sorted.get(i).from());
                }
            }
            return sorted;
        });
        this.packs = Map.copyOf(byCountry);
        this.norway = norway;
        this.sweden = sweden;
        Map<String, AgencyTerms> byId = new HashMap<>();
        for (AgencyTerms agency : agencies) {
            if (byId.put(agency.id(), agency) != null) {
                throw new IllegalArgumentException("agency " + agency.id() + " is configured twice");
            }
            for (String jurisdiction : agency.jurisdictions()) {
                if (!byCountry.containsKey(jurisdiction)) {
                    throw new IllegalArgumentException("agency " + agency.id() + " serves " + jurisdiction
                            + ", for which there are no rule packs");
                }
            }
        }
        this.agencies = Map.copyOf(byId);
        for (Agreement agreement : agreements) {
            if (!byId.containsKey(agreement.agency())) {
                throw new IllegalArgumentException("agreement of creditor " + agreement.creditor()
                        + " names agency " + agreement.agency() + ", which is not configured");
            }
        }
        this.agreements = List.copyOf(agreements);
        Map<String, LedgerTerms> ledgerMap = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (LedgerTerms ledger : ledgers) {
            if (!seen.add(ledger.sourceSystem())) {
                throw new IllegalArgumentException("ledger " + ledger.sourceSystem() + " is configured twice");
            }
            ledgerMap.put(ledger.sourceSystem(), ledger);
        }
        this.ledgers = Map.copyOf(ledgerMap);
    }

    /** Whether the gateway has rules for this country at all. */
    public boolean hasJurisdiction(String country) {
        return packs.containsKey(country);
    }

    /** The rule pack of {@code country} in force on {@code date}. */
    public Optional<RulePack> pack(String country, LocalDate date) {
        return packs.getOrDefault(country, List.of()).stream()
                .filter(p -> !p.from().isAfter(date))
                .reduce((earlier, later) -> later);
    }

    public NorwayRates norway() {
        return norway;
    }

    public SwedenRates sweden() {
        return sweden;
    }

    public Optional<AgencyTerms> agency(String id) {
        return Optional.ofNullable(agencies.get(id));
    }

    public List<AgencyTerms> agencies() {
        return agencies.values().stream().sorted(Comparator.comparing(AgencyTerms::id)).toList();
    }

    /** The first agreement in file order of {@code creditor} in force on {@code date} that covers the claim. */
    public Optional<Agreement> agreementFor(String creditor, String debtorCountry, ClaimType claimType, java.math.BigDecimal outstanding,
                                            LocalDate date) {
        return agreements.stream()
                .filter(a -> a.creditor().equals(creditor) && a.inForce(date) && a.covers(debtorCountry, claimType, outstanding))
                .findFirst();
    }

    /** Whether any agreement of {@code creditor} is in force on {@code date}, covering this claim or not. */
    public boolean hasAnyAgreement(String creditor, LocalDate date) {
        return agreements.stream().anyMatch(a -> a.creditor().equals(creditor) && a.inForce(date));
    }

    public boolean ledgerRequiresReminder(String sourceSystem) {
        LedgerTerms terms = ledgers.get(sourceSystem);
        return terms != null && terms.reminderRequired();
    }
}
