package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;

/** The Swedish tables of config/rules/se-rates.yml, in SEK; the interest rate is percent a year. */
public record SwedenRates(
        RateTable<BigDecimal> reminderFee,
        RateTable<BigDecimal> collectionFee,
        RateTable<BigDecimal> b2bCompensation,
        RateTable<BigDecimal> lateInterest) {
}
