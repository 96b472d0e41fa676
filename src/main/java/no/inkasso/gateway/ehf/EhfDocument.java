package no.inkasso.gateway.ehf;

import java.util.List;

/** An accepted EHF / PEPPOL BIS Billing 3.0 document: an invoice (a claim) or a credit note. */
public sealed interface EhfDocument permits EhfInvoice, EhfCreditNote {

    /** The SBDH the document came in, or null when it came bare. */
    SbdhEnvelope envelope();

    /** The document's number (cbc:ID). */
    String number();

    /** InvoiceTypeCode or CreditNoteTypeCode (UNCL 1001), e.g. 380, 381. */
    String typeCode();

    /** Embedded documents, decoded, in document order. */
    List<EmbeddedAttachment> attachments();
}
