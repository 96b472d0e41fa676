package no.inkasso.gateway.payments;

import java.util.List;

/** What a payment file holds: its payments in file order, and the entries left out (debits, with why). */
public record PaymentFile(PaymentFileFormat format, List<IncomingPayment> payments, int skipped) {}
