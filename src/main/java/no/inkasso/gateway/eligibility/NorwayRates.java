package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.util.List;

/** The Norwegian tables of config/rules/no-rates.yml. Interest and VAT rates are percent a year. */
public record NorwayRates(
        RateTable<BigDecimal> inkassosats,
        RateTable<BigDecimal> lateInterest,
        RateTable<BigDecimal> reminderFeeFactor,
        RateTable<BigDecimal> creditorPaymentDemandFeeFactor,
        RateTable<List<FeeBracket>> collectionFeeBrackets,
        RateTable<BigDecimal> heavyRateMultiplier,
        RateTable<BigDecimal> businessMultiplier,
        RateTable<BigDecimal> vatWhenCreditorNotRegistered) {
}
