package no.inkasso.gateway.ehf;

import java.util.List;
import no.inkasso.gateway.claims.model.Claim;

/**
 * An accepted invoice, mapped to the canonical claim.
 *
 * <p>Amounts: {@code originalAmount} is PayableAmount + PrepaidAmount, i.e. what the buyer owed in all
 * (TaxInclusiveAmount plus PayableRoundingAmount, by EN 16931 BR-CO-16), and {@code outstandingAmount}
 * is PayableAmount, so original minus outstanding is exactly what the invoice says was prepaid;
 * {@code vatAmount} is the TaxTotal in the document currency. The KID is only set when PaymentID
 * passes MOD10 or MOD11; otherwise it is left out, a {@link GatewayRules#KID_CHECK_DIGIT} warning says
 * why and {@link #paymentReference()} keeps what was sent.
 *
 * @param claim              the canonical claim (structurally valid against claim-v1.xsd; the gateway's
 *                           semantic checks, such as the creditor country, are the intake's)
 * @param typeCode           InvoiceTypeCode, e.g. 380
 * @param paymentReference   the first PaymentMeans/PaymentID as sent, or null
 * @param externalReferences AdditionalDocumentReference/Attachment/ExternalReference/URI values, never fetched
 * @param attachments        embedded documents, decoded; the claim references them by URI
 * @param envelope           the SBDH, or null
 */
public record EhfInvoice(
        Claim claim,
        String typeCode,
        String paymentReference,
        List<String> externalReferences,
        List<EmbeddedAttachment> attachments,
        SbdhEnvelope envelope) implements EhfDocument {

    public EhfInvoice {
        externalReferences = List.copyOf(externalReferences);
        attachments = List.copyOf(attachments);
    }

    @Override
    public String number() {
        return claim.getInvoice().getNumber();
    }
}
