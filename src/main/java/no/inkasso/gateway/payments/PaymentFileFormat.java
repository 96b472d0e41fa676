package no.inkasso.gateway.payments;

/** The bank files a creditor's ledger or bank sends with payments in. */
public enum PaymentFileFormat {
    /** Nets OCR giro (service code 09): 80-character records, ISO-8859-1, amounts in øre. */
    OCR_GIRO,
    /** ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), any version 001.02 to 001.08 and later. */
    CAMT_054
}
