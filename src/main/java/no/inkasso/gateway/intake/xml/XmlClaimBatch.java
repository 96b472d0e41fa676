package no.inkasso.gateway.intake.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.intake.file.ClaimLines;
import no.inkasso.gateway.intake.file.FileFormat;
import no.inkasso.gateway.intake.file.FileLine;
import no.inkasso.gateway.intake.file.UnreadableFileException;
import org.xml.sax.SAXException;

/**
 * The XML export format: a {@code <claims>} batch of canonical claims (schemas/claim/claim-v1.xsd,
 * namespace {@value #NAMESPACE}), read one {@code <claim>} at a time with StAX so a file of any size
 * is read in constant memory. Each claim is checked against the XSD on its own, then by the same
 * rules as a claim posted to the API; a claim that fails is reported with the line it starts on and
 * its XML. No DTD, entity or external resource is ever read.
 */
public final class XmlClaimBatch implements FileFormat {

    /** The {@code format} of an SFTP source whose files are XML claim batches. */
    public static final String FORMAT = "claims-xml";
    public static final String NAMESPACE = "urn:inkasso-gateway:claim:1";
    static final QName CLAIMS = new QName(NAMESPACE, "claims");
    static final QName CLAIM = new QName(NAMESPACE, "claim");
    /** A claim's XML longer than this is not bound (a real one is about 2 KB). */
    static final int MAX_CLAIM_CHARS = 256 * 1024;

    private final JAXBContext context;
    private final Schema schema;
    private final XMLInputFactory inputs;
    private final XMLOutputFactory outputs;

    public XmlClaimBatch() {
        try {
            context = JAXBContext.newInstance(Claim.class);
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            URL xsd = XmlClaimBatch.class.getClassLoader().getResource("schemas/claim/claim-v1.xsd");
            if (xsd == null) {
                throw new IllegalStateException("schemas/claim/claim-v1.xsd is not on the class path");
            }
            schema = factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (JAXBException | SAXException | IOException e) {
            throw new IllegalStateException("the claim XSD could not be loaded", e);
        }
        inputs = XMLInputFactory.newFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputs.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        inputs.setProperty(XMLInputFactory.IS_COALESCING, false);
        outputs = XMLOutputFactory.newFactory();
        outputs.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
    }

    @Override
    public ClaimLines open(InputStream in, ClaimReader reader, LocalDate today) throws UnreadableFileException {
        try {
            var buffered = new java.io.BufferedInputStream(in);
            buffered.mark(1);
            if (buffered.read() < 0) {
                // An empty file: nothing to take, nothing wrong.
                return new Lines(null, reader, today);
            }
            buffered.reset();
            XMLEventReader events = inputs.createXMLEventReader(buffered);
            while (events.hasNext()) {
                XMLEvent event = events.nextEvent();
                if (event.getEventType() == XMLEvent.DTD) {
                    throw new UnreadableFileException("a DOCTYPE is not allowed in a claim batch", line(event), null);
                }
                if (event.isStartElement()) {
                    QName root = event.asStartElement().getName();
                    if (!root.equals(CLAIMS)) {
                        throw new UnreadableFileException("the root element is " + name(root) + "; a claim batch is <claims> in namespace "
                                + NAMESPACE, line(event), null);
                    }
                    return new Lines(events, reader, today);
                }
            }
            // An empty file: nothing to take, nothing wrong.
            return new Lines(null, reader, today);
        } catch (XMLStreamException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new UnreadableFileException("the file could not be read: " + e.getMessage(), 1, e);
        }
    }

    @Override
    public String mediaType() {
        return "application/xml";
    }

    private static String name(QName q) {
        return "<" + q.getLocalPart() + ">" + (q.getNamespaceURI().isEmpty() ? " (no namespace)" : " in " + q.getNamespaceURI());
    }

    private static long line(XMLEvent event) {
        return event.getLocation() == null ? -1 : event.getLocation().getLineNumber();
    }

    private static UnreadableFileException unreadable(XMLStreamException e) {
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        return new UnreadableFileException("the file is not well-formed XML: " + e.getMessage(), line, e);
    }

    /** The claims of one open batch. */
    private final class Lines implements ClaimLines {

        private final XMLEventReader events;
        private final ClaimReader reader;
        private final LocalDate today;

        private Lines(XMLEventReader events, ClaimReader reader, LocalDate today) {
            this.events = events;
            this.reader = reader;
            this.today = today;
        }

        @Override
        public FileLine next() throws UnreadableFileException {
            if (events == null) {
                return null;
            }
            try {
                while (events.hasNext()) {
                    XMLEvent event = events.nextEvent();
                    if (event.isEndElement()) {
                        // </claims>: anything after it is the document's epilogue
                        return null;
                    }
                    if (event.isStartElement()) {
                        return claim(event.asStartElement());
                    }
                    if (event.isCharacters() && !event.asCharacters().isWhiteSpace()) {
                        throw new UnreadableFileException("text between claims", line(event), null);
                    }
                }
                return null;
            } catch (XMLStreamException e) {
                throw unreadable(e);
            }
        }

        /** Copies the element's subtree (to report it as it was), then binds and checks it. */
        private FileLine claim(StartElement start) throws XMLStreamException {
            long startLine = line(start);
            StringWriter text = new StringWriter();
            XMLEventWriter copy = outputs.createXMLEventWriter(text);
            copy.add(start);
            int depth = 1;
            boolean tooLong = false;
            while (depth > 0) {
                XMLEvent event = events.nextEvent();
                if (event.isStartElement()) {
                    depth++;
                } else if (event.isEndElement()) {
                    depth--;
                }
                if (!tooLong) {
                    copy.add(event);
                    if (text.getBuffer().length() > MAX_CLAIM_CHARS) {
                        tooLong = true;
                    }
                }
            }
            copy.close();
            String xml = text.toString();
            // on one line in the error report
            String raw = xml.replaceAll("\\s*[\\r\\n]+\\s*", " ");
            if (tooLong) {
                return new FileLine.Invalid(startLine, raw.substring(0, 200) + "…",
                        List.of(FieldError.of("", "too-large", "the claim element is longer than " + MAX_CLAIM_CHARS + " characters")));
            }
            if (!start.getName().equals(CLAIM)) {
                return new FileLine.Invalid(startLine, raw, List.of(FieldError.of("", "unexpected-element",
                        "a claim batch holds <claim> elements; found " + name(start.getName()))));
            }
            List<FieldError> xsdErrors = new ArrayList<>();
            Claim claim;
            try {
                Unmarshaller unmarshaller = context.createUnmarshaller();
                unmarshaller.setSchema(schema);
                unmarshaller.setEventHandler(event -> {
                    xsdErrors.add(xsdError(event, startLine));
                    return event.getSeverity() != ValidationEvent.FATAL_ERROR;
                });
                XMLEventReader fragment = inputs.createXMLEventReader(new StringReader(xml));
                claim = unmarshaller.unmarshal(fragment, Claim.class).getValue();
            } catch (JAXBException e) {
                if (xsdErrors.isEmpty()) {
                    xsdErrors.add(FieldError.of("", "xsd-invalid", "the claim cannot be read: " + e.getMessage()));
                }
                return new FileLine.Invalid(startLine, raw, schemaFirst(xsdErrors));
            }
            if (!xsdErrors.isEmpty()) {
                return new FileLine.Invalid(startLine, raw, schemaFirst(xsdErrors));
            }
            ClaimReading reading = reader.read(ApiJson.mapper().valueToTree(claim), today);
            if (reading instanceof ClaimReading.Valid valid) {
                return new FileLine.Valid(startLine, raw, valid);
            }
            return new FileLine.Invalid(startLine, raw, ((ClaimReading.Invalid) reading).errors());
        }

        @Override
        public void close() throws IOException {
            if (events != null) {
                try {
                    events.close();
                } catch (XMLStreamException e) {
                    throw new IOException(e);
                }
            }
        }
    }

    /**
     * The XSD's findings ({@code cvc-…}) when there are any: the binding then reports the same value
     * again in its own words (a date parser's exception), which says nothing more.
     */
    private static List<FieldError> schemaFirst(List<FieldError> errors) {
        List<FieldError> schema = errors.stream().filter(e -> e.message().startsWith("cvc-")).toList();
        return schema.isEmpty() ? errors : schema;
    }

    private static FieldError xsdError(ValidationEvent event, long startLine) {
        int line = event.getLocator() == null ? -1 : event.getLocator().getLineNumber();
        String where = line > 0 ? " (line " + (startLine + line - 1) + ")" : "";
        return FieldError.of("", "xsd-invalid", event.getMessage() + where);
    }
}
