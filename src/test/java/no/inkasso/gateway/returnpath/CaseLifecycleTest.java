package no.inkasso.gateway.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.returnpath.CaseLifecycle.Event;
import no.inkasso.gateway.returnpath.CaseLifecycle.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CaseLifecycleTest {

    private static final BigDecimal OUTSTANDING = new BigDecimal("4250.00");

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "ROUTED, REGISTERED, AT_AGENCY",
            "ROUTED, NOTICE_SENT, AT_AGENCY",
            "ROUTED, DISPUTED, DISPUTED",
            "AT_AGENCY, REGISTERED, AT_AGENCY",
            "AT_AGENCY, NOTICE_SENT, AT_AGENCY",
            "AT_AGENCY, DEBTOR_CONTACTED, AT_AGENCY",
            "LEGAL, DEBTOR_CONTACTED, LEGAL",
            "AT_AGENCY, PAUSED, PAUSED",
            "LEGAL, PAUSED, PAUSED",
            "PAUSED, RESUMED, AT_AGENCY",
            "DISPUTED, RESUMED, AT_AGENCY",
            "AWAITING_CREDITOR, RESUMED, AT_AGENCY",
            "AT_AGENCY, DISPUTED, DISPUTED",
            "PAUSED, DISPUTED, DISPUTED",
            "AT_AGENCY, INSTALMENT_PLAN_AGREED, AT_AGENCY",
            "AWAITING_CREDITOR, INSTALMENT_PLAN_AGREED, AT_AGENCY",
            "LEGAL, INSTALMENT_PLAN_AGREED, LEGAL",
            "AT_AGENCY, AWAITING_CREDITOR_DECISION, AWAITING_CREDITOR",
            "LEGAL, AWAITING_CREDITOR_DECISION, AWAITING_CREDITOR",
            "AWAITING_CREDITOR, CONCILIATION_BOARD, LEGAL",
            "DISPUTED, CONCILIATION_BOARD, LEGAL",
            "AT_AGENCY, ENFORCEMENT_PETITION, LEGAL",
            "LEGAL, ATTACHMENT_GRANTED, LEGAL",
            "LEGAL, FORCED_SALE, LEGAL",
            "MONITORING, BANKRUPTCY_PETITION, LEGAL",
            "LEGAL, NOTHING_TO_ATTACH, LEGAL",
            "LEGAL, LONG_TERM_MONITORING, MONITORING",
            "AT_AGENCY, LONG_TERM_MONITORING, MONITORING",
    })
    void legalTransitions(CaseState from, AgencyEventType type, CaseState to) {
        Outcome outcome = CaseLifecycle.apply(from, OUTSTANDING, "NOK", Event.of(type));
        assertThat(outcome).isEqualTo(new Outcome.Applied(to, OUTSTANDING));
    }

    @ParameterizedTest(name = "{0} + {1} refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "RECEIVED | REGISTERED | not at an agency",
            "ELIGIBLE | PAYMENT_RECEIVED | not at an agency",
            "DELIVERY_FAILED | REGISTERED | not at an agency",
            "PAUSED | REGISTERED | registered already",
            "PAUSED | NOTICE_SENT | ordinary collection",
            "DISPUTED | NOTICE_SENT | ordinary collection",
            "DISPUTED | PAUSED | only a case in collection can be paused",
            "AT_AGENCY | RESUMED | neither paused",
            "DISPUTED | DISPUTED | disputed already",
            "DISPUTED | INSTALMENT_PLAN_AGREED | needs a case in collection",
            "AWAITING_CREDITOR | AWAITING_CREDITOR_DECISION | wait for the creditor",
            "PAUSED | CONCILIATION_BOARD | paused case takes no legal step",
            "DISPUTED | ENFORCEMENT_PETITION | not DISPUTED",
            "PAUSED | ATTACHMENT_GRANTED | not PAUSED",
            "AT_AGENCY | NOTHING_TO_ATTACH | after an enforcement petition",
            "DISPUTED | LONG_TERM_MONITORING | monitoring follows",
            "CLOSED_PAID | PAYMENT_RECEIVED | the case is closed",
            "CLOSED_WITHDRAWN | RESUMED | the case is closed",
            "CREDITED | REGISTERED | the case is closed",
            "CLOSED_MINOR | CLOSED | the case is closed",
    })
    void illegalTransitions(CaseState from, AgencyEventType type, String why) {
        Event event = switch (type) {
            case PAYMENT_RECEIVED -> Event.payment(new BigDecimal("10.00"), null);
            case CLOSED -> Event.closed(CloseReason.WITHDRAWN);
            default -> Event.of(type);
        };
        Outcome outcome = CaseLifecycle.apply(from, OUTSTANDING, "NOK", event);
        assertThat(outcome).isInstanceOf(Outcome.Illegal.class);
        assertThat(((Outcome.Illegal) outcome).reason()).contains(why);
    }

    @ParameterizedTest(name = "payment {0} (principal {1}) on 4250.00 -> {2}")
    @CsvSource({
            "1000.00, , 3250.00",
            "4973.45, 4250.00, 0.00",
            "723.45, 0.00, 4250.00",
            "0.01, , 4249.99",
            "4250.00, , 0.00",
    })
    void paymentsLowerTheOutstandingAmountByTheirPrincipalToTheOere(BigDecimal amount, BigDecimal principal, BigDecimal after) {
        Outcome outcome = CaseLifecycle.apply(CaseState.LEGAL, OUTSTANDING, "NOK", Event.payment(amount, principal));
        assertThat(outcome).isEqualTo(new Outcome.Applied(CaseState.LEGAL, after));
    }

    @ParameterizedTest(name = "payment {0} (principal {1}) refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "4250.01 | | more than the 4250.00 outstanding",
            "5000.00 | 4250.01 | more than the 4250.00 outstanding",
            "100.00 | 100.01 | between 0 and the amount",
            "0.00 | | positive amount",
    })
    void paymentsOverTheOutstandingAmountAreRefused(BigDecimal amount, BigDecimal principal, String why) {
        Outcome outcome = CaseLifecycle.apply(CaseState.AT_AGENCY, OUTSTANDING, "NOK", Event.payment(amount, principal));
        assertThat(((Outcome.Illegal) outcome).reason()).contains(why);
    }

    @Test
    void aSettlementMustAddUpAndLeavesStateAndOutstandingAlone() {
        Remittance good = new Remittance(new BigDecimal("4973.45"), new BigDecimal("4373.45"), new BigDecimal("123.45"),
                new BigDecimal("600.00"), new BigDecimal("0.00"), "NOK");
        assertThat(CaseLifecycle.apply(CaseState.AT_AGENCY, OUTSTANDING, "NOK", Event.settlement(good)))
                .isEqualTo(new Outcome.Applied(CaseState.AT_AGENCY, OUTSTANDING));
        // after closing: settlements still come (the weekly remittance), the state stays closed
        assertThat(CaseLifecycle.apply(CaseState.CLOSED_PAID, BigDecimal.ZERO.setScale(2), "NOK", Event.settlement(good)))
                .isEqualTo(new Outcome.Applied(CaseState.CLOSED_PAID, BigDecimal.ZERO.setScale(2)));
        Remittance feeCharged = new Remittance(new BigDecimal("0.00"), new BigDecimal("-750.00"), new BigDecimal("0.00"),
                new BigDecimal("600.00"), new BigDecimal("150.00"), "NOK");
        assertThat(CaseLifecycle.apply(CaseState.CLOSED_WITHDRAWN, OUTSTANDING, "NOK", Event.settlement(feeCharged)))
                .isInstanceOf(Outcome.Applied.class);

        Remittance oneOereShort = new Remittance(new BigDecimal("4973.45"), new BigDecimal("4373.44"), new BigDecimal("123.45"),
                new BigDecimal("600.00"), new BigDecimal("0.00"), "NOK");
        assertThat(((Outcome.Illegal) CaseLifecycle.apply(CaseState.AT_AGENCY, OUTSTANDING, "NOK", Event.settlement(oneOereShort)))
                .reason()).contains("does not add up").contains("4973.44").contains("paid 4973.45");
        assertThat(((Outcome.Illegal) CaseLifecycle.apply(CaseState.AT_AGENCY, OUTSTANDING, "SEK", Event.settlement(good))).reason())
                .contains("SETTLEMENT in NOK on a case in SEK");
        Remittance tooMuchInterest = new Remittance(new BigDecimal("700.00"), new BigDecimal("100.00"), new BigDecimal("100.01"),
                new BigDecimal("600.00"), new BigDecimal("0.00"), "NOK");
        assertThat(((Outcome.Illegal) CaseLifecycle.apply(CaseState.AT_AGENCY, OUTSTANDING, "NOK", Event.settlement(tooMuchInterest)))
                .reason()).contains("interest 100.01 is more than paid out");
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void closingLeavesATerminalStateAndOnlyPaidNeedsNothingOutstanding(CloseReason reason) {
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        Outcome fromZero = CaseLifecycle.apply(CaseState.AT_AGENCY, zero, "NOK", Event.closed(reason));
        assertThat(fromZero).isEqualTo(new Outcome.Applied(reason.state(), zero));
        assertThat(reason.state().isClosed()).isTrue();
        Outcome withOutstanding = CaseLifecycle.apply(CaseState.DISPUTED, OUTSTANDING, "NOK", Event.closed(reason));
        switch (reason) {
            case PAID -> assertThat(((Outcome.Illegal) withOutstanding).reason()).contains("CLOSED as PAID with 4250.00 outstanding");
            case CREDITED -> assertThat(withOutstanding).isEqualTo(new Outcome.Applied(CaseState.CREDITED, zero));
            default -> assertThat(withOutstanding).isEqualTo(new Outcome.Applied(reason.state(), OUTSTANDING));
        }
        for (AgencyEventType type : AgencyEventType.values()) {
            if (type != AgencyEventType.SETTLEMENT) {
                assertThat(CaseLifecycle.apply(reason.state(), zero, "NOK", Event.of(type))).as("%s after %s", type, reason)
                        .isInstanceOf(Outcome.Illegal.class);
            }
        }
    }
}
