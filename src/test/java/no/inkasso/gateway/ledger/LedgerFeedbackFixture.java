package no.inkasso.gateway.ledger;

import java.util.UUID;

/** ledger.feedback messages to the contract (CASE_EVENT as the agency-event side writes them, eligibility as the gateway does). */
final class LedgerFeedbackFixture {

    private LedgerFeedbackFixture() {}

    static String caseId() {
        String uuid = UUID.randomUUID().toString();
        return uuid.substring(0, 14) + "7" + uuid.substring(15, 19).replaceFirst("^.", "8") + uuid.substring(19);
    }

    /** A CASE_EVENT; {@code details} is a JSON object text. */
    static String caseEvent(String system, String caseId, String eventId, String type, int agencySequence, String details) {
        return """
                {"schema":"ledger.feedback/v1","kind":"CASE_EVENT","caseId":"%s","correlationId":"corr-%s",
                 "occurredAt":"2026-03-12T10:15:30+01:00","sourceSystem":"%s","creditorOrgNumber":"923609016",
                 "invoiceNumber":"INV-%s","ledgerReference":"LREF-1","agencyId":"demo-agency-no","agencyCaseNumber":"AG-77",
                 "event":{"eventId":"%s","type":"%s","agencySequence":%d,"occurredAt":"2026-03-12T09:00:00+01:00",
                          "caseState":"AT_AGENCY","outstanding":{"amount":1234.50,"currency":"NOK"},"details":%s,
                          "somethingNew":"ignored"}}
                """.formatted(caseId, eventId, system, caseId.substring(0, 8), eventId, type, agencySequence, details);
    }

    static String rejected(String system, String caseId) {
        return """
                {"schema":"ledger.feedback/v1","kind":"ELIGIBILITY_REJECTED","caseId":"%s","correlationId":"corr-rej",
                 "occurredAt":"2026-03-12T10:15:30+01:00","sourceSystem":"%s","creditorOrgNumber":"923609016",
                 "invoiceNumber":"INV-REJ","decision":{"verdict":"REJECTED","asOf":"2026-03-12","jurisdiction":"NO",
                 "summary":"Rejected: the claim is time-barred","rules":[],"reasonCodes":["TIME_BARRED"]}}
                """.formatted(caseId, system);
    }
}
