package no.inkasso.gateway.ehf;

/**
 * Decides what a scanned document is by its root element and CustomizationID, not by the root
 * alone: an EHF reminder has an Invoice root, and so does every superseded EHF/PEPPOL version.
 */
final class DocumentRecognizer {

    /** PEPPOL BIS Billing 3.0, which is EHF Billing 3.0: the only invoice and credit note customization accepted. */
    static final String BIS3_BILLING = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    /** EHF Reminder 3.0; its full id extends {@link #BIS3_BILLING} with {@code #conformant#} and this. */
    static final String EHF_REMINDER = "urn:fdc:anskaffelser.no:2019:ehf:reminder:3.0";

    enum DocumentType { INVOICE, CREDIT_NOTE }

    private DocumentRecognizer() {
    }

    static DocumentType recognise(XmlFrontDoor.Scan scan) throws EhfRejection {
        if (!scan.enveloped() && "StandardBusinessDocument".equals(scan.rootName())) {
            throw new EhfRejection(RejectReason.WRONG_NAMESPACE, "the root element StandardBusinessDocument is in the namespace '"
                    + scan.rootNamespace() + "', not the SBDH namespace " + SbdhEnvelope.NAMESPACE);
        }
        if (!scan.enveloped() && SbdhEnvelope.NAMESPACE.equals(scan.rootNamespace()) && "StandardBusinessDocumentHeader".equals(scan.rootName())) {
            throw new EhfRejection(RejectReason.UNSUPPORTED_DOCUMENT, "the document is an SBDH header on its own, without a StandardBusinessDocument and a business document");
        }
        if (scan.payloadName() == null) {
            throw new EhfRejection(RejectReason.UNSUPPORTED_DOCUMENT, "the StandardBusinessDocument has a header but no business document");
        }
        String where = scan.enveloped() ? "the SBDH payload " : "the root element ";
        DocumentType type = rootType(scan.payloadNamespace(), scan.payloadName(), where);
        String customization = scan.customizationId();
        String document = type == DocumentType.INVOICE ? "Invoice" : "CreditNote";
        if (customization == null || customization.isEmpty()) {
            throw new EhfRejection(RejectReason.UNSUPPORTED_CUSTOMIZATION, "the " + document
                    + " has no CustomizationID; PEPPOL BIS Billing 3.0 (EHF Billing 3.0) documents carry " + BIS3_BILLING);
        }
        if (customization.equals(BIS3_BILLING)) {
            return type;
        }
        if (customization.contains(EHF_REMINDER)) {
            throw new EhfRejection(RejectReason.EHF_REMINDER, "the document is an EHF reminder (CustomizationID '"
                    + customization + "'), not an invoice: a reminder is not taken as a claim; send the invoice itself");
        }
        throw new EhfRejection(RejectReason.UNSUPPORTED_CUSTOMIZATION,
                "unsupported CustomizationID '" + customization + "'" + whatItIs(customization)
                        + "; only PEPPOL BIS Billing 3.0 (EHF Billing 3.0, " + BIS3_BILLING + ") is accepted");
    }

    private static DocumentType rootType(String namespace, String name, String where) throws EhfRejection {
        if (XmlFrontDoor.UBL_INVOICE_NS.equals(namespace) && "Invoice".equals(name)) {
            return DocumentType.INVOICE;
        }
        if (XmlFrontDoor.UBL_CREDIT_NOTE_NS.equals(namespace) && "CreditNote".equals(name)) {
            return DocumentType.CREDIT_NOTE;
        }
        String found = namespace == null || namespace.isEmpty() ? name + " (no namespace)" : "{" + namespace + "}" + name;
        if ("Invoice".equals(name)) {
            throw new EhfRejection(RejectReason.WRONG_NAMESPACE, where + found + " is not in the UBL 2.1 Invoice namespace " + XmlFrontDoor.UBL_INVOICE_NS);
        }
        if ("CreditNote".equals(name)) {
            throw new EhfRejection(RejectReason.WRONG_NAMESPACE, where + found + " is not in the UBL 2.1 CreditNote namespace " + XmlFrontDoor.UBL_CREDIT_NOTE_NS);
        }
        throw new EhfRejection(RejectReason.UNSUPPORTED_DOCUMENT, where + found
                + " is not an invoice or credit note: a UBL 2.1 Invoice or CreditNote is expected, bare or in an SBDH");
    }

    /** A few words on what a known foreign customization is, so the sender knows what to change. */
    private static String whatItIs(String customization) {
        if (customization.contains("urn:www.difi.no:ehf:faktura:ver2.0") || customization.contains("urn:www.difi.no:ehf:kreditnota:ver2.0")) {
            return " is EHF 2.0, withdrawn in 2019 and replaced by EHF Billing 3.0";
        }
        if (customization.contains("urn:www.difi.no:ehf:faktura:ver1") || customization.contains("urn:www.cenbii.eu:transaction:biicoretrdm010:ver1.0")) {
            return " is EHF 1.0 / PEPPOL BIS 1 (CEN BII core), withdrawn long ago";
        }
        if (customization.contains("urn:www.peppol.eu:bis:peppol4a:ver2.0") || customization.contains("urn:www.peppol.eu:bis:peppol5a:ver2.0")) {
            return " is PEPPOL BIS 2 (4A/5A), replaced by BIS Billing 3.0";
        }
        if (customization.equals("urn:cen.eu:en16931:2017")) {
            return " is bare EN 16931 without the PEPPOL BIS Billing 3.0 specification";
        }
        if (customization.startsWith(BIS3_BILLING + "#")) {
            return " is an extension of PEPPOL BIS Billing 3.0 the gateway does not take";
        }
        if (customization.contains(":poacc:selfbilling:")) {
            return " is PEPPOL self-billing, where the buyer issues the invoice";
        }
        return "";
    }
}
