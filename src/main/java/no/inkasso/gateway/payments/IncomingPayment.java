package no.inkasso.gateway.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One payment into the creditor's account, as a bank file reports it: where in the file
 * ({@code position}: the OCR transaction number, or the camt.054 entry/transaction index), the
 * payment reference the payer gave (a KID, or a structured creditor reference), the amount, the day,
 * the bank's own reference for it, and a problem when the line cannot be used as it stands.
 */
public record IncomingPayment(int position, String reference, BigDecimal amount, String currency, LocalDate paidOn,
                              String bankReference, String payerName, String problem) {

    public boolean usable() {
        return problem == null;
    }
}
