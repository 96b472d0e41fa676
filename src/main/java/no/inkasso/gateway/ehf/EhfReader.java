package no.inkasso.gateway.ehf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;

/**
 * Reads an EHF Billing 3.0 (PEPPOL BIS Billing 3.0) invoice or credit note, bare or in an SBDH,
 * into a claim or a credit, or says exactly why not. Thread-safe; make one and share it.
 *
 * <p>The layers, each refusing with its own {@link RejectReason}: the XML front door (size, DTD,
 * well-formedness, root and namespace, SBDH), recognition by CustomizationID, the UBL 2.1 XSD,
 * the PEPPOL schematron (per creditor: {@link SchematronMode}), then the mapping. Nothing outside
 * the document is ever fetched.
 */
public final class EhfReader {

    private final EhfSettings settings;
    private final SchematronValidator schematron;
    private final XmlFrontDoor frontDoor;
    private final UblBinder binder;
    private final UblMapper mapper = new UblMapper();

    /**
     * @param schematron the compiled rules ({@link SchematronValidator#peppolBis3()}); may be null only
     *                   if the policy never asks for them (every creditor {@link SchematronMode#OFF})
     */
    public EhfReader(EhfSettings settings, SchematronValidator schematron) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.schematron = schematron;
        this.frontDoor = new XmlFrontDoor(settings.maxDocumentBytes());
        this.binder = new UblBinder();
    }

    public EhfSettings settings() {
        return settings;
    }

    /** Reads at most the size limit from {@code in} (one byte more tells it is too large) and reads that. */
    public EhfResult read(InputStream in, EhfOrigin origin) throws IOException {
        byte[] bytes = in.readNBytes((int) settings.maxDocumentBytes() + 1);
        if (bytes.length > settings.maxDocumentBytes()) {
            return frontDoor.tooLarge(-1).toResult();
        }
        return read(bytes, origin);
    }

    public EhfResult read(byte[] document, EhfOrigin origin) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(origin, "origin");
        try {
            XmlFrontDoor.Scan scan = frontDoor.scan(document);
            DocumentRecognizer.DocumentType type = DocumentRecognizer.recognise(scan);
            List<Finding> warnings = new ArrayList<>();
            checkEnvelope(scan, warnings);
            Supplier<String> documentId = () -> origin.documentId() != null ? origin.documentId() : UblMapper.sha256(document);
            if (type == DocumentRecognizer.DocumentType.INVOICE) {
                InvoiceType invoice = binder.invoice(scan.payload(), scan.enveloped());
                applySchematron(scan.payload(), type, UblMapper.creditorOrgNumber(invoice), warnings);
                return new EhfResult.Accepted(mapper.invoice(invoice, scan.envelope(), origin, documentId, warnings), warnings);
            }
            CreditNoteType creditNote = binder.creditNote(scan.payload(), scan.enveloped());
            applySchematron(scan.payload(), type, UblMapper.creditorOrgNumber(creditNote), warnings);
            return new EhfResult.Accepted(mapper.creditNote(creditNote, scan.envelope(), documentId, warnings), warnings);
        } catch (EhfRejection rejection) {
            return rejection.toResult();
        }
    }

    private void applySchematron(byte[] payload, DocumentRecognizer.DocumentType type, String creditor,
                                 List<Finding> warnings) throws EhfRejection {
        SchematronMode mode = settings.schematron().modeFor(creditor);
        if (mode == SchematronMode.OFF) {
            return;
        }
        if (schematron == null) {
            throw new IllegalStateException("schematron mode " + mode + " for creditor " + creditor + " but the reader has no SchematronValidator");
        }
        boolean invoice = type == DocumentRecognizer.DocumentType.INVOICE;
        List<Finding> findings = invoice ? schematron.validateInvoice(payload) : schematron.validateCreditNote(payload);
        if (mode == SchematronMode.ENFORCE && findings.stream().anyMatch(Finding::isFatal)) {
            Set<String> failed = new LinkedHashSet<>();
            findings.stream().filter(Finding::isFatal).forEach(f -> failed.add(f.ruleId()));
            Finding first = findings.stream().filter(Finding::isFatal).findFirst().orElseThrow();
            throw new EhfRejection(RejectReason.SCHEMATRON_FATAL, failed.size() + " PEPPOL BIS Billing 3.0 rule"
                    + (failed.size() == 1 ? "" : "s") + " failed (" + (invoice ? schematron.invoiceRules() : schematron.creditNoteRules())
                    + "): " + String.join(", ", failed) + "; " + first.ruleId() + ": " + first.message(), findings);
        }
        warnings.addAll(findings);
    }

    /** An SBDH whose DOCUMENTID scope names another document type than its payload is is suspicious, not fatal. */
    private static void checkEnvelope(XmlFrontDoor.Scan scan, List<Finding> warnings) {
        SbdhEnvelope envelope = scan.envelope();
        if (envelope == null) {
            return;
        }
        String expected = scan.payloadNamespace() + "::" + scan.payloadName() + "##" + scan.customizationId() + "::";
        if (envelope.documentTypeId() != null && !envelope.documentTypeId().contains(expected)) {
            warnings.add(new Finding(GatewayRules.ENVELOPE_MISMATCH, Severity.WARNING, "the SBDH DOCUMENTID '"
                    + envelope.documentTypeId() + "' does not name the payload (" + expected + "…)", "StandardBusinessDocumentHeader/BusinessScope"));
        }
        if (envelope.standard() != null && !envelope.standard().equals(scan.payloadNamespace())) {
            warnings.add(new Finding(GatewayRules.ENVELOPE_MISMATCH, Severity.WARNING, "the SBDH Standard '" + envelope.standard()
                    + "' is not the payload's namespace " + scan.payloadNamespace(), "StandardBusinessDocumentHeader/DocumentIdentification/Standard"));
        }
    }
}
