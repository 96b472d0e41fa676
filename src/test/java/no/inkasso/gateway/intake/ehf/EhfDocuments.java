package no.inkasso.gateway.intake.ehf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** EHF documents for the transport tests, made from the README's examples (examples/ehf/) by small edits. */
final class EhfDocuments {

    static final String CREDITOR = "923609016";
    static final String WARN_CREDITOR = "974760673";
    private static final String INVOICE_NUMBER = "EHF-2026-3001";
    private static final String CREDIT_NOTE_NUMBER = "EHF-CN-2026-3001";

    private EhfDocuments() {
    }

    private static String example(String file) {
        try {
            return Files.readString(Path.of("examples/ehf", file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example invoice (4,250.00 NOK of creditor 923609016) under another number. */
    static String invoice(String number) {
        return example("invoice.xml").replace(INVOICE_NUMBER, number);
    }

    /** The example credit note (2,125.00, half the invoice) under another number, crediting {@code invoiceNumber}. */
    static String partialCredit(String number, String invoiceNumber) {
        return example("credit-note.xml").replace(CREDIT_NOTE_NUMBER, number).replace(INVOICE_NUMBER, invoiceNumber);
    }

    /** A credit note for the whole invoice: 4,250.00. */
    static String fullCredit(String number, String invoiceNumber) {
        return partialCredit(number, invoiceNumber)
                .replace("unitCode=\"EA\">1<", "unitCode=\"EA\">2<")
                .replace(">1700.00</cbc:LineExtensionAmount>", ">3400.00</cbc:LineExtensionAmount>")
                .replace(">1700.00</cbc:TaxableAmount>", ">3400.00</cbc:TaxableAmount>")
                .replace(">1700.00</cbc:TaxExclusiveAmount>", ">3400.00</cbc:TaxExclusiveAmount>")
                .replace(">425.00<", ">850.00<")
                .replace(">2125.00<", ">4250.00<");
    }

    /** The same document from another seller (org number, VAT id, legal entity). */
    static String fromCreditor(String document, String orgNumber) {
        return document.replace(CREDITOR, orgNumber);
    }

    /** A seller VAT id without the MVA suffix: PEPPOL's Norwegian rule NO-R-001 (fatal) fails. */
    static String withBadVatId(String document) {
        return document.replaceFirst("<cbc:CompanyID>NO(\\d{9})MVA</cbc:CompanyID>", "<cbc:CompanyID>NO$1</cbc:CompanyID>");
    }

    /** The document in an SBDH envelope as an access point delivers it. */
    static String inSbdh(String document, String rootName) {
        String body = document.substring(document.indexOf("<" + rootName));
        String ns = "urn:oasis:names:specification:ubl:schema:xsd:" + rootName + "-2";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<StandardBusinessDocument xmlns=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\">"
                + "<StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion>"
                + "<Sender><Identifier Authority=\"iso6523-actorid-upis\">0192:" + CREDITOR + "</Identifier></Sender>"
                + "<Receiver><Identifier Authority=\"iso6523-actorid-upis\">0192:987654325</Identifier></Receiver>"
                + "<DocumentIdentification><Standard>" + ns + "</Standard><TypeVersion>2.1</TypeVersion>"
                + "<InstanceIdentifier>sbdh-test-1</InstanceIdentifier><Type>" + rootName + "</Type>"
                + "<CreationDateAndTime>2026-10-01T10:00:00Z</CreationDateAndTime></DocumentIdentification>"
                + "<BusinessScope><Scope><Type>DOCUMENTID</Type><InstanceIdentifier>" + ns + "::" + rootName
                + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1</InstanceIdentifier></Scope>"
                + "<Scope><Type>PROCESSID</Type><InstanceIdentifier>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</InstanceIdentifier></Scope>"
                + "</BusinessScope></StandardBusinessDocumentHeader>\n" + body + "</StandardBusinessDocument>";
    }
}
