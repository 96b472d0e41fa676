package no.inkasso.gateway.ehf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import no.inkasso.gateway.claims.model.Creditor;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.Payment;
import no.inkasso.gateway.claims.model.PaymentKind;

/**
 * An accepted credit note: not a claim, but a reduction of the invoices it names. The creditor,
 * debtor and amounts are read the same way as an invoice's, so the caller can find the case by
 * (creditor org number, invoice number) and book {@link #asPayment()} on it.
 *
 * @param number           the credit note's number
 * @param typeCode         CreditNoteTypeCode, e.g. 381
 * @param issueDate        its issue date
 * @param creditor         the seller
 * @param debtor           the buyer
 * @param currency         DocumentCurrencyCode
 * @param amount           what is credited in all: PayableAmount + PrepaidAmount
 * @param payableAmount    PayableAmount
 * @param vatAmount        the TaxTotal in the document currency, or null
 * @param creditedInvoices BillingReference/InvoiceDocumentReference, in document order (may be empty:
 *                         BIS 3 makes the reference optional)
 * @param attachments      embedded documents, decoded
 * @param envelope         the SBDH, or null
 */
public record EhfCreditNote(
        String number,
        String typeCode,
        LocalDate issueDate,
        Creditor creditor,
        Debtor debtor,
        String currency,
        BigDecimal amount,
        BigDecimal payableAmount,
        BigDecimal vatAmount,
        List<CreditedInvoice> creditedInvoices,
        List<EmbeddedAttachment> attachments,
        SbdhEnvelope envelope) implements EhfDocument {

    public EhfCreditNote {
        creditedInvoices = List.copyOf(creditedInvoices);
        attachments = List.copyOf(attachments);
    }

    /** An invoice a credit note points at; {@code issueDate} is null when not given. */
    public record CreditedInvoice(String number, LocalDate issueDate) {}

    /** The invoice numbers credited, in document order. */
    public List<String> creditedInvoiceNumbers() {
        return creditedInvoices.stream().map(CreditedInvoice::number).toList();
    }

    /** The credit as a claim payment of kind CREDIT_NOTE on the issue date. */
    public Payment asPayment() {
        Payment payment = new Payment();
        payment.setKind(PaymentKind.CREDIT_NOTE);
        payment.setDate(issueDate);
        payment.setAmount(amount);
        return payment;
    }
}
