package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Fee ceilings as of a date: the Norwegian collection-fee ceiling (light rate) and reminder-fee cap,
 * and the Swedish fees. Amounts are rounded HALF_UP to 2 decimals once, at the end. A figure missing
 * from the tables comes back as {@link Outcome.NoRate}, never as a default.
 */
public final class FeeCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final NorwayRates norway;
    private final SwedenRates sweden;

    public FeeCalculator(NorwayRates norway, SwedenRates sweden) {
        this.norway = Objects.requireNonNull(norway, "norway");
        this.sweden = Objects.requireNonNull(sweden, "sweden");
    }

    /**
     * The most a Norwegian agency may charge as collection fee (light rate) for {@code principal}:
     * inkassosats × bracket factor, × the business multiplier for a business debtor, plus VAT when
     * the creditor is not VAT-registered (it cannot deduct the agency's VAT). A debtor under 18 owes
     * no fees at all: zero, whatever the tables say.
     */
    public Outcome<BigDecimal> norwegianCollectionFeeCeiling(BigDecimal principal, LocalDate asOf, DebtorKind debtor,
            boolean creditorVatRegistered, boolean debtorMinor) {
        return collectionFeeCeiling(principal, asOf, debtor, creditorVatRegistered, debtorMinor, Outcome.ok(BigDecimal.ONE));
    }

    /**
     * The heavy-rate (tung sats) ceiling: the light-rate ceiling times the heavy-rate multiplier,
     * rounded once. Zero for a debtor under 18.
     */
    public Outcome<BigDecimal> norwegianHeavyCollectionFeeCeiling(BigDecimal principal, LocalDate asOf, DebtorKind debtor,
            boolean creditorVatRegistered, boolean debtorMinor) {
        return collectionFeeCeiling(principal, asOf, debtor, creditorVatRegistered, debtorMinor,
                debtorMinor ? Outcome.ok(BigDecimal.ONE) : norway.heavyRateMultiplier().asOf(asOf));
    }

    private Outcome<BigDecimal> collectionFeeCeiling(BigDecimal principal, LocalDate asOf, DebtorKind debtor,
            boolean creditorVatRegistered, boolean debtorMinor, Outcome<BigDecimal> rateMultiplier) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(debtor, "debtor");
        if (principal.signum() < 0) {
            throw new IllegalArgumentException("principal must not be negative");
        }
        if (debtorMinor) {
            return Outcome.ok(ZERO);
        }
        return rateMultiplier.flatMap(heavy ->
                norway.inkassosats().asOf(asOf).flatMap(sats ->
                        norway.collectionFeeBrackets().asOf(asOf).flatMap(brackets ->
                                multiplier(debtor, asOf).flatMap(multiplier ->
                                        vatFactor(creditorVatRegistered, asOf).map(vat ->
                                                sats.multiply(factorFor(principal, brackets))
                                                        .multiply(heavy)
                                                        .multiply(multiplier)
                                                        .multiply(vat)
                                                        .setScale(2, RoundingMode.HALF_UP))))));
    }

    /**
     * The cap on the fee for a betalingsoppfordring the creditor sends itself (egeninkasso): the
     * inkassosats × its factor (3/20).
     */
    public Outcome<BigDecimal> norwegianCreditorPaymentDemandFeeCap(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return norway.inkassosats().asOf(asOf).flatMap(sats ->
                norway.creditorPaymentDemandFeeFactor().asOf(asOf).map(factor ->
                        sats.multiply(factor).setScale(2, RoundingMode.HALF_UP)));
    }

    /** The Norwegian reminder-fee cap: the inkassosats × the reminder-fee factor (1/20). */
    public Outcome<BigDecimal> norwegianReminderFeeCap(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return norway.inkassosats().asOf(asOf).flatMap(sats ->
                norway.reminderFeeFactor().asOf(asOf).map(factor ->
                        sats.multiply(factor).setScale(2, RoundingMode.HALF_UP)));
    }

    /**
     * The part of a reminder fee the creditor actually charged that may be claimed: at most the cap,
     * and nothing from a debtor under 18.
     */
    public Outcome<BigDecimal> norwegianReminderFeeAllowed(BigDecimal charged, LocalDate asOf, boolean debtorMinor) {
        Objects.requireNonNull(charged, "charged");
        if (charged.signum() < 0) {
            throw new IllegalArgumentException("charged fee must not be negative");
        }
        if (debtorMinor) {
            return Outcome.ok(ZERO);
        }
        return norwegianReminderFeeCap(asOf).map(cap -> charged.min(cap).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * Swedish fees as of {@code asOf}: a consumer pays the collection fee, plus the reminder fee only
     * if it was agreed; a business debtor pays the B2B förseningsersättning instead of both.
     */
    public Outcome<SwedishFees> swedishFees(LocalDate asOf, DebtorKind debtor, boolean reminderFeeAgreed) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(debtor, "debtor");
        if (debtor == DebtorKind.BUSINESS) {
            return sweden.b2bCompensation().asOf(asOf).map(compensation ->
                    new SwedishFees(ZERO, ZERO, compensation.setScale(2, RoundingMode.HALF_UP)));
        }
        Outcome<BigDecimal> reminder = reminderFeeAgreed
                ? sweden.reminderFee().asOf(asOf).map(fee -> fee.setScale(2, RoundingMode.HALF_UP))
                : Outcome.ok(ZERO);
        return reminder.flatMap(reminderFee ->
                sweden.collectionFee().asOf(asOf).map(collectionFee ->
                        new SwedishFees(reminderFee, collectionFee.setScale(2, RoundingMode.HALF_UP), ZERO)));
    }

    private Outcome<BigDecimal> multiplier(DebtorKind debtor, LocalDate asOf) {
        return debtor == DebtorKind.BUSINESS ? norway.businessMultiplier().asOf(asOf) : Outcome.ok(BigDecimal.ONE);
    }

    private Outcome<BigDecimal> vatFactor(boolean creditorVatRegistered, LocalDate asOf) {
        return creditorVatRegistered
                ? Outcome.ok(BigDecimal.ONE)
                : norway.vatWhenCreditorNotRegistered().asOf(asOf).map(percent -> BigDecimal.ONE.add(percent.divide(HUNDRED)));
    }

    private static BigDecimal factorFor(BigDecimal principal, List<FeeBracket> brackets) {
        return brackets.stream()
                .filter(b -> b.covers(principal))
                .min((a, b) -> a.upTo() == null ? 1 : b.upTo() == null ? -1 : a.upTo().compareTo(b.upTo()))
                .map(FeeBracket::factor)
                .orElseThrow(() -> new IllegalStateException("collection-fee brackets have no open-ended last bracket"));
    }
}
