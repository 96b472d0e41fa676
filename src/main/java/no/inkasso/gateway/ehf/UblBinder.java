package no.inkasso.gateway.ehf;

import com.helger.ubl21.UBL21Marshaller;
import com.helger.xml.schema.XMLSchemaCache;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates a UBL 2.1 Invoice or CreditNote against its XSD and binds it to ph-ubl21's JAXB classes,
 * in one parse, collecting every XSD error with its line and column.
 *
 * <p>The schemas are ph-ubl21's (the OASIS UBL 2.1 XSDs it ships, compiled once through its schema
 * cache) and so are the classes; the parse is our own. ph-ubl21's {@code read()} validates through
 * JAXB's validating unmarshaller (a SAX-level validator handler in front of JAXB, set up per call),
 * logs the errors and returns null; here the parser itself validates (the schema is set on the SAX
 * parser factory, so validation runs inside Xerces' pipeline), the errors reach a
 * {@link jakarta.xml.bind.ValidationEventHandler}, and readers and unmarshallers are pooled. On the
 * test corpus the whole reader (with front door and mapping) does about twice what {@code read()}
 * does alone (docs/benchmarks.md).
 */
final class UblBinder {

    /** At most this many XSD findings are reported for one document; the message gives the total. */
    static final int MAX_FINDINGS = 50;
    private static final Pattern XSD_KEY = Pattern.compile("^(cvc-[A-Za-z0-9.\\-]+|[a-z][A-Za-z0-9.\\-]*-[A-Za-z0-9.\\-]+):\\s*(.*)$", Pattern.DOTALL);

    private final JAXBContext context;
    private final Pool<Binding> invoices;
    private final Pool<Binding> creditNotes;

    /** A validating reader and an unmarshaller, used together by one thread at a time. */
    private record Binding(XMLReader reader, Unmarshaller unmarshaller) {}

    UblBinder() {
        try {
            context = JAXBContext.newInstance(
                    oasis.names.specification.ubl.schema.xsd.invoice_21.ObjectFactory.class,
                    oasis.names.specification.ubl.schema.xsd.creditnote_21.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the UBL 2.1 JAXB classes cannot be bound", e);
        }
        Schema invoiceSchema = XMLSchemaCache.getInstance().getSchema(UBL21Marshaller.getAllInvoiceXSDs());
        Schema creditNoteSchema = XMLSchemaCache.getInstance().getSchema(UBL21Marshaller.getAllCreditNoteXSDs());
        if (invoiceSchema == null || creditNoteSchema == null) {
            throw new IllegalStateException("the UBL 2.1 XSDs in ph-ubl21 could not be compiled");
        }
        invoices = new Pool<>(() -> binding(invoiceSchema), 64);
        creditNotes = new Pool<>(() -> binding(creditNoteSchema), 64);
        // compile and check both now rather than on the first document
        invoices.give(invoices.take());
        creditNotes.give(creditNotes.take());
    }

    private Binding binding(Schema schema) {
        try {
            return new Binding(SecureXml.newReader(schema, true), context.createUnmarshaller());
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    InvoiceType invoice(byte[] xml, boolean enveloped) throws EhfRejection {
        return bind(xml, enveloped, invoices, InvoiceType.class);
    }

    CreditNoteType creditNote(byte[] xml, boolean enveloped) throws EhfRejection {
        return bind(xml, enveloped, creditNotes, CreditNoteType.class);
    }

    private <T> T bind(byte[] xml, boolean enveloped, Pool<Binding> pool, Class<T> type) throws EhfRejection {
        Binding binding = pool.take();
        List<ValidationEvent> errors = new ArrayList<>();
        Object bound;
        try {
            binding.unmarshaller().setEventHandler(event -> {
                errors.add(event);
                // go on after XSD errors to report them all; a fatal (well-formedness) error stops the parse anyway
                return event.getSeverity() != ValidationEvent.FATAL_ERROR;
            });
            bound = binding.unmarshaller().unmarshal(new SAXSource(binding.reader(), new InputSource(new ByteArrayInputStream(xml))));
        } catch (JAXBException e) {
            bound = null;
            if (errors.isEmpty()) {
                Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
                if (cause instanceof SAXParseException parse) {
                    throw XmlFrontDoor.notXml(parse);
                }
                throw new EhfRejection(RejectReason.NOT_XML, "the document cannot be read: " + (cause != null ? cause.getMessage() : e.getMessage()));
            }
        } finally {
            release(binding, pool);
        }
        for (ValidationEvent event : errors) {
            if (event.getSeverity() == ValidationEvent.FATAL_ERROR) {
                Finding finding = finding(event, enveloped);
                throw new EhfRejection(RejectReason.NOT_XML, "the document is not well-formed XML: " + finding.message(), List.of(finding));
            }
        }
        errors.removeIf(event -> event.getSeverity() == ValidationEvent.WARNING);
        if (errors.stream().anyMatch(UblBinder::fromSchema)) {
            // JAXB repeats each unexpected element in its own words; the XSD's report is the one to give
            errors.removeIf(event -> !fromSchema(event));
        }
        if (!errors.isEmpty()) {
            List<Finding> findings = errors.stream().limit(MAX_FINDINGS).map(e -> finding(e, enveloped)).toList();
            throw new EhfRejection(RejectReason.SCHEMA_INVALID, errors.size() + " UBL 2.1 schema error"
                    + (errors.size() == 1 ? "" : "s") + ", the first: " + findings.get(0).message()
                    + (errors.size() > MAX_FINDINGS ? " (the first " + MAX_FINDINGS + " are listed)" : ""), findings);
        }
        Object value = bound instanceof JAXBElement<?> element ? element.getValue() : bound;
        if (!type.isInstance(value)) {
            throw new EhfRejection(RejectReason.UNSUPPORTED_DOCUMENT, "the document is not a UBL 2.1 " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static boolean fromSchema(ValidationEvent event) {
        return event.getLinkedException() instanceof SAXParseException;
    }

    private static void release(Binding binding, Pool<Binding> pool) {
        try {
            binding.unmarshaller().setEventHandler(null);
            pool.give(binding);
        } catch (JAXBException e) {
            // an unmarshaller that cannot drop its handler is not reused
        }
    }

    private static Finding finding(ValidationEvent event, boolean enveloped) {
        String message = event.getMessage() == null ? String.valueOf(event.getLinkedException()) : event.getMessage();
        String ruleId = "XSD";
        Matcher key = XSD_KEY.matcher(message);
        if (key.matches()) {
            ruleId = key.group(1);
            message = key.group(2);
        }
        ValidationEventLocator locator = event.getLocator();
        String location = "";
        if (locator != null && locator.getLineNumber() > 0) {
            location = (enveloped ? "payload " : "") + "line " + locator.getLineNumber() + ", column " + locator.getColumnNumber();
        }
        return new Finding(ruleId, Severity.FATAL, message, location);
    }
}
