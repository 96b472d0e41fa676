package no.inkasso.gateway.returnpath;

import static no.inkasso.gateway.cases.CaseState.AT_AGENCY;
import static no.inkasso.gateway.cases.CaseState.AWAITING_CREDITOR;
import static no.inkasso.gateway.cases.CaseState.DISPUTED;
import static no.inkasso.gateway.cases.CaseState.LEGAL;
import static no.inkasso.gateway.cases.CaseState.MONITORING;
import static no.inkasso.gateway.cases.CaseState.PAUSED;
import static no.inkasso.gateway.cases.CaseState.ROUTED;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import no.inkasso.gateway.cases.CaseState;

/**
 * The state machine of a case at its agency: which agency event may follow which case state, the state
 * it leads to, and what it does to the outstanding amount (the principal still owed to the creditor).
 * Plain Java; the table is in docs/architecture.md ("Return path").
 */
public final class CaseLifecycle {

    private CaseLifecycle() {}

    /** What an event does: its type, and for payments, settlements and closings the figures it carries. */
    public record Event(AgencyEventType type, BigDecimal paymentAmount, BigDecimal paymentPrincipal, Remittance remittance,
                        CloseReason closeReason) {

        public static Event of(AgencyEventType type) {
            return new Event(type, null, null, null, null);
        }

        public static Event payment(BigDecimal amount, BigDecimal principal) {
            return new Event(AgencyEventType.PAYMENT_RECEIVED, amount, principal, null, null);
        }

        public static Event settlement(Remittance remittance) {
            return new Event(AgencyEventType.SETTLEMENT, null, null, remittance, null);
        }

        public static Event closed(CloseReason reason) {
            return new Event(AgencyEventType.CLOSED, null, null, null, reason);
        }
    }

    /** The outcome: applied (the case's state and outstanding amount after it), or illegal with the reason. */
    public sealed interface Outcome {
        record Applied(CaseState state, BigDecimal outstanding) implements Outcome {}

        record Illegal(String reason) implements Outcome {}
    }

    /** Active states at the agency (ROUTED counts as AT_AGENCY: a REST agency may report before its answer is recorded). */
    static final Set<CaseState> ACTIVE = EnumSet.of(ROUTED, AT_AGENCY, PAUSED, DISPUTED, AWAITING_CREDITOR, LEGAL, MONITORING);
    private static final Set<CaseState> COLLECTING = EnumSet.of(AT_AGENCY, AWAITING_CREDITOR, LEGAL, MONITORING);

    public static Outcome apply(CaseState state, BigDecimal outstanding, String currency, Event event) {
        AgencyEventType type = event.type();
        if (state.isClosed()) {
            if (type == AgencyEventType.SETTLEMENT) {
                return settlement(state, outstanding, currency, event.remittance());
            }
            return illegal(type, state, "the case is closed");
        }
        if (!ACTIVE.contains(state)) {
            return illegal(type, state, "the case is not at an agency");
        }
        if (state == ROUTED) {
            // the delivery's answer is not recorded yet, but an agency reporting on a case evidently has it
            state = AT_AGENCY;
        }
        return switch (type) {
            case REGISTERED -> state == ROUTED || state == AT_AGENCY ? applied(AT_AGENCY, outstanding)
                    : illegal(type, state, "the case is registered already");
            case NOTICE_SENT -> state == AT_AGENCY ? applied(state, outstanding)
                    : illegal(type, state, "notices belong to ordinary collection (AT_AGENCY)");
            case DEBTOR_CONTACTED -> applied(state, outstanding);
            case PAUSED -> COLLECTING.contains(state) ? applied(PAUSED, outstanding)
                    : illegal(type, state, "only a case in collection can be paused");
            case RESUMED -> state == PAUSED || state == DISPUTED || state == AWAITING_CREDITOR ? applied(AT_AGENCY, outstanding)
                    : illegal(type, state, "the case is neither paused, disputed nor waiting for the creditor");
            case DISPUTED -> state != DISPUTED ? applied(DISPUTED, outstanding) : illegal(type, state, "the case is disputed already");
            case INSTALMENT_PLAN_AGREED -> COLLECTING.contains(state)
                    ? applied(state == AWAITING_CREDITOR ? AT_AGENCY : state, outstanding)
                    : illegal(type, state, "an instalment plan needs a case in collection");
            case AWAITING_CREDITOR_DECISION -> COLLECTING.contains(state) && state != AWAITING_CREDITOR
                    ? applied(AWAITING_CREDITOR, outstanding)
                    : illegal(type, state, "only a case in collection can wait for the creditor");
            case CONCILIATION_BOARD -> COLLECTING.contains(state) || state == DISPUTED ? applied(LEGAL, outstanding)
                    : illegal(type, state, "a paused case takes no legal step");
            case ENFORCEMENT_PETITION, ATTACHMENT_GRANTED, FORCED_SALE, BANKRUPTCY_PETITION -> COLLECTING.contains(state)
                    ? applied(LEGAL, outstanding)
                    : illegal(type, state, "a legal step needs a case in collection, not " + state);
            case NOTHING_TO_ATTACH -> state == LEGAL ? applied(LEGAL, outstanding)
                    : illegal(type, state, "an attempt to attach comes after an enforcement petition (LEGAL)");
            case LONG_TERM_MONITORING -> state == LEGAL || state == AT_AGENCY ? applied(MONITORING, outstanding)
                    : illegal(type, state, "monitoring follows ordinary collection or a legal step");
            case PAYMENT_RECEIVED -> payment(state, outstanding, event);
            case SETTLEMENT -> settlement(state, outstanding, currency, event.remittance());
            case CLOSED -> closed(state, outstanding, event.closeReason());
        };
    }

    private static Outcome payment(CaseState state, BigDecimal outstanding, Event event) {
        BigDecimal amount = event.paymentAmount();
        BigDecimal principal = event.paymentPrincipal() == null ? amount : event.paymentPrincipal();
        if (amount == null || amount.signum() <= 0) {
            return new Outcome.Illegal("PAYMENT_RECEIVED needs a positive amount");
        }
        if (principal.signum() < 0 || principal.compareTo(amount) > 0) {
            return new Outcome.Illegal("PAYMENT_RECEIVED: the principal part " + principal + " must be between 0 and the amount " + amount);
        }
        if (principal.compareTo(outstanding) > 0) {
            return new Outcome.Illegal("PAYMENT_RECEIVED: " + principal + " towards the principal is more than the " + outstanding
                    + " outstanding");
        }
        return applied(state, outstanding.subtract(principal));
    }

    private static Outcome settlement(CaseState state, BigDecimal outstanding, String currency, Remittance r) {
        if (r == null) {
            return new Outcome.Illegal("SETTLEMENT needs its remittance");
        }
        if (!r.currency().equals(currency)) {
            return new Outcome.Illegal("SETTLEMENT in " + r.currency() + " on a case in " + currency);
        }
        if (r.paid().signum() < 0 || r.interest().signum() < 0 || r.fees().signum() < 0 || r.vat().signum() < 0) {
            return new Outcome.Illegal("SETTLEMENT: paid, interest, fees and vat are never negative");
        }
        BigDecimal sum = r.toCreditor().add(r.fees()).add(r.vat());
        if (sum.compareTo(r.paid()) != 0) {
            return new Outcome.Illegal("SETTLEMENT does not add up: toCreditor " + r.toCreditor() + " + fees " + r.fees() + " + vat "
                    + r.vat() + " = " + sum + ", paid " + r.paid());
        }
        if (r.interest().compareTo(r.toCreditor().max(BigDecimal.ZERO)) > 0) {
            return new Outcome.Illegal("SETTLEMENT: interest " + r.interest() + " is more than paid out to the creditor " + r.toCreditor());
        }
        return applied(state, outstanding);
    }

    private static Outcome closed(CaseState state, BigDecimal outstanding, CloseReason reason) {
        if (reason == null) {
            return new Outcome.Illegal("CLOSED needs its closeReason");
        }
        if (reason == CloseReason.PAID && outstanding.signum() != 0) {
            return new Outcome.Illegal("CLOSED as PAID with " + outstanding + " outstanding");
        }
        return applied(reason.state(), reason == CloseReason.CREDITED ? BigDecimal.ZERO.setScale(2) : outstanding);
    }

    private static Outcome applied(CaseState state, BigDecimal outstanding) {
        return new Outcome.Applied(state, outstanding);
    }

    private static Outcome illegal(AgencyEventType type, CaseState state, String why) {
        return new Outcome.Illegal(type + " is not allowed on a " + state + " case: " + why);
    }
}
