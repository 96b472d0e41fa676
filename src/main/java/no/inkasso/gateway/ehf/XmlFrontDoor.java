package no.inkasso.gateway.ehf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * The first look at a received document, before anything is bound or validated: size limit, DTD
 * ban, well-formedness of what it reads, the root element, the SBDH envelope (its header read and
 * its payload cut out as a document of its own), and the payload's CustomizationID and ProfileID.
 * A bare document is read only as far as its ProfileID; the binder reads the rest.
 */
final class XmlFrontDoor {

    static final String UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String UBL_CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    static final String UBL_CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String UBL_EXT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    private static final String SBD = "StandardBusinessDocument";
    private static final String SBDH = "StandardBusinessDocumentHeader";

    /**
     * What the front door learnt.
     *
     * @param rootNamespace    the document element's namespace ("" for none)
     * @param rootName         the document element's local name
     * @param envelope         the SBDH, or null for a bare document
     * @param payloadNamespace the business document's root namespace, or null (an SBDH without payload)
     * @param payloadName      the business document's root local name, or null
     * @param customizationId  the payload's cbc:CustomizationID, trimmed, or null
     * @param profileId        the payload's cbc:ProfileID, trimmed, or null
     * @param payload          the business document as a document of its own (the input itself when bare)
     */
    record Scan(String rootNamespace, String rootName, SbdhEnvelope envelope, String payloadNamespace,
                String payloadName, String customizationId, String profileId, byte[] payload) {

        boolean enveloped() {
            return envelope != null;
        }
    }

    private final long maxBytes;
    private final Pool<XMLReader> readers = new Pool<>(() -> SecureXml.newReader(null, false), 64);

    XmlFrontDoor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Scan scan(byte[] document) throws EhfRejection {
        if (document.length > maxBytes) {
            throw tooLarge(document.length);
        }
        if (document.length == 0) {
            throw new EhfRejection(RejectReason.NOT_XML, "the document is empty");
        }
        Prescan prescan = new Prescan();
        XMLReader reader = readers.take();
        boolean reusable = true;
        try {
            reader.setContentHandler(prescan);
            reader.setErrorHandler(prescan);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", prescan);
            reader.parse(new InputSource(new ByteArrayInputStream(document)));
        } catch (ScanComplete done) {
            // read as far as needed
        } catch (DoctypeFound doctype) {
            throw new EhfRejection(RejectReason.DTD_FORBIDDEN,
                    "the document has a DOCTYPE (" + doctype.getMessage() + "); DTDs and entity declarations are not accepted");
        } catch (SAXParseException e) {
            throw notXml(e);
        } catch (SAXException e) {
            reusable = false;
            throw new EhfRejection(RejectReason.NOT_XML, "the document is not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            // e.g. a byte sequence that is not valid in the declared encoding
            reusable = false;
            throw new EhfRejection(RejectReason.NOT_XML, "the document cannot be read as XML: " + e.getMessage());
        } finally {
            if (reusable) {
                release(reader);
            }
        }
        if (prescan.rootName == null) {
            throw new EhfRejection(RejectReason.NOT_XML, "the document has no root element");
        }
        byte[] payload = prescan.enveloped ? prescan.payloadBytes() : document;
        return new Scan(prescan.rootNamespace, prescan.rootName, prescan.enveloped ? prescan.envelope() : null,
                prescan.payloadNamespace, prescan.payloadName, prescan.customizationId, prescan.profileId, payload);
    }

    private void release(XMLReader reader) {
        // the handler holds the copied payload: do not keep it alive in an idle reader
        reader.setContentHandler(null);
        reader.setErrorHandler(null);
        try {
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", null);
            readers.give(reader);
        } catch (SAXException e) {
            // this reader cannot drop its handler; let it go
        }
    }

    /** @param size the document's size, or -1 when only known to be above the limit */
    EhfRejection tooLarge(long size) {
        return new EhfRejection(RejectReason.TOO_LARGE, size < 0
                ? "the document is larger than " + maxBytes + " bytes, the most accepted"
                : "the document is " + size + " bytes; the most accepted is " + maxBytes);
    }

    static EhfRejection notXml(SAXParseException e) {
        return new EhfRejection(RejectReason.NOT_XML, "the document is not well-formed XML: " + e.getMessage(),
                List.of(new Finding("XML", Severity.FATAL, e.getMessage(), position(e))));
    }

    static String position(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
    }

    /** Thrown by the handler to stop reading once it knows enough; not an error. */
    private static final class ScanComplete extends SAXException {
        ScanComplete() {
            super("scan complete");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final class DoctypeFound extends SAXException {
        DoctypeFound(String name) {
            super("<!DOCTYPE " + name);
        }
    }

    /**
     * Walks the document once. Its own stop signals and the DTD refusal are thrown from the
     * callbacks, so nothing after the point of decision is read (a DTD is refused in
     * {@code startDTD}, before its internal subset, so no entity is ever declared).
     */
    private static final class Prescan extends DefaultHandler2 {

        String rootNamespace;
        String rootName;
        boolean enveloped;
        String payloadNamespace;
        String payloadName;
        String customizationId;
        String profileId;

        private int depth;
        private int payloadDepth = -1;
        private boolean ubl;
        private boolean payloadHeadDone;
        private boolean payloadDone;
        private StringBuilder text;
        private String capturing;

        // SBDH header
        private boolean inHeader;
        private final Deque<String> headerPath = new ArrayDeque<>();
        private final Map<String, String> header = new LinkedHashMap<>();
        private String scopeType;
        private String scopeInstance;
        private final Map<String, String> scopes = new LinkedHashMap<>();

        // payload copy (enveloped documents only): being written, and once complete
        private StringBuilder out;
        private StringBuilder copiedPayload;
        private final Deque<List<String[]>> namespaceStack = new ArrayDeque<>();
        private List<String[]> pendingMappings = new ArrayList<>();

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new DoctypeFound(name);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingMappings.add(new String[] {prefix, uri});
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            depth++;
            List<String[]> declared = pendingMappings;
            pendingMappings = new ArrayList<>();
            namespaceStack.push(declared);
            if (depth == 1) {
                rootNamespace = uri;
                rootName = localName;
                if (SbdhEnvelope.NAMESPACE.equals(uri) && SBD.equals(localName)) {
                    enveloped = true;
                    return;
                }
                startPayload(uri, localName);
                return;
            }
            if (enveloped && depth == 2 && payloadDepth < 0 && !inHeader) {
                if (SbdhEnvelope.NAMESPACE.equals(uri) && SBDH.equals(localName)) {
                    inHeader = true;
                    return;
                }
                if (payloadDone) {
                    return;
                }
                startPayload(uri, localName);
                if (ubl) {
                    out = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
                    writeStart(qName, atts, inScopeNamespaces());
                }
                return;
            }
            if (inHeader) {
                headerPath.addLast(localName);
                text = new StringBuilder();
                if ("Identifier".equals(localName) && headerPath.size() == 2) {
                    header.putIfAbsent(headerPath.getFirst() + "@Authority", atts.getValue("Authority"));
                }
                return;
            }
            if (payloadDepth > 0 && ubl) {
                if (out != null) {
                    writeStart(qName, atts, declared);
                }
                if (depth == payloadDepth + 1 && !payloadHeadDone) {
                    if (UBL_CBC_NS.equals(uri) && ("CustomizationID".equals(localName) || "ProfileID".equals(localName))) {
                        capturing = localName;
                        text = new StringBuilder();
                    } else if (!isHeadElement(uri, localName)) {
                        payloadHeadDone = true;
                        if (!enveloped) {
                            throw new ScanComplete();
                        }
                    }
                }
            }
        }

        /**
         * Notes the business document's root. Anything but a UBL Invoice or CreditNote will be
         * refused by its root, but is still read to the end, so that broken XML is reported as such.
         */
        private void startPayload(String uri, String localName) {
            payloadDepth = depth;
            payloadNamespace = uri;
            payloadName = localName;
            ubl = (UBL_INVOICE_NS.equals(uri) && "Invoice".equals(localName))
                    || (UBL_CREDIT_NOTE_NS.equals(uri) && "CreditNote".equals(localName));
        }

        /** UBL elements that may come before or between CustomizationID and ProfileID. */
        private static boolean isHeadElement(String uri, String localName) {
            return (UBL_EXT_NS.equals(uri) && "UBLExtensions".equals(localName))
                    || (UBL_CBC_NS.equals(uri) && ("UBLVersionID".equals(localName) || "ProfileExecutionID".equals(localName)));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
            if (out != null) {
                escapeText(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) {
            if (out != null) {
                out.append("<?").append(target);
                if (data != null && !data.isEmpty()) {
                    out.append(' ').append(data);
                }
                out.append("?>");
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            namespaceStack.pop();
            if (inHeader) {
                if (headerPath.isEmpty()) {
                    inHeader = false;
                } else {
                    endHeaderElement(localName);
                }
                depth--;
                return;
            }
            if (out != null) {
                out.append("</").append(qName).append('>');
            }
            if (capturing != null && depth == payloadDepth + 1) {
                String value = text.toString().strip();
                if ("CustomizationID".equals(capturing)) {
                    customizationId = value;
                } else {
                    profileId = value;
                    payloadHeadDone = true;
                    if (!enveloped) {
                        throw new ScanComplete();
                    }
                }
                capturing = null;
                text = null;
            }
            if (depth == payloadDepth) {
                payloadDone = true;
                payloadHeadDone = true;
                payloadDepth = -1;
                if (enveloped) {
                    copiedPayload = out;
                    out = null;
                }
            }
            depth--;
        }

        private void endHeaderElement(String localName) {
            String path = String.join("/", headerPath);
            String value = text == null ? "" : text.toString().strip();
            switch (path) {
                case "Sender/Identifier", "Receiver/Identifier",
                     "DocumentIdentification/Standard", "DocumentIdentification/TypeVersion",
                     "DocumentIdentification/InstanceIdentifier", "DocumentIdentification/Type",
                     "DocumentIdentification/CreationDateAndTime" -> header.putIfAbsent(path, value);
                case "BusinessScope/Scope/Type" -> scopeType = value;
                case "BusinessScope/Scope/InstanceIdentifier" -> scopeInstance = value;
                case "BusinessScope/Scope" -> {
                    if (scopeType != null) {
                        scopes.putIfAbsent(scopeType, scopeInstance);
                    }
                    scopeType = null;
                    scopeInstance = null;
                }
                default -> {
                    // other header elements are not needed
                }
            }
            headerPath.removeLast();
            text = headerPath.isEmpty() ? null : new StringBuilder();
        }

        SbdhEnvelope envelope() {
            return new SbdhEnvelope(
                    header.get("Sender/Identifier"), header.get("Sender@Authority"),
                    header.get("Receiver/Identifier"), header.get("Receiver@Authority"),
                    header.get("DocumentIdentification/InstanceIdentifier"),
                    header.get("DocumentIdentification/Standard"),
                    header.get("DocumentIdentification/Type"),
                    header.get("DocumentIdentification/TypeVersion"),
                    header.get("DocumentIdentification/CreationDateAndTime"),
                    scopes.get("DOCUMENTID"), scopes.get("PROCESSID"), scopes.get("COUNTRY_C1"));
        }

        byte[] payloadBytes() {
            return copiedPayload == null ? null : copiedPayload.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Every prefix bound where the payload starts (the envelope's too), so the cut-out payload means the same. */
        private List<String[]> inScopeNamespaces() {
            Map<String, String> bound = new LinkedHashMap<>();
            var outerFirst = new ArrayList<>(namespaceStack);
            java.util.Collections.reverse(outerFirst);
            for (List<String[]> level : outerFirst) {
                for (String[] mapping : level) {
                    bound.put(mapping[0], mapping[1]);
                }
            }
            List<String[]> all = new ArrayList<>();
            bound.forEach((prefix, ns) -> all.add(new String[] {prefix, ns}));
            return all;
        }

        private void writeStart(String qName, Attributes atts, List<String[]> namespaces) {
            out.append('<').append(qName);
            for (String[] mapping : namespaces) {
                if ("xml".equals(mapping[0])) {
                    continue;
                }
                out.append(mapping[0].isEmpty() ? " xmlns" : " xmlns:" + mapping[0]).append("=\"");
                escapeAttribute(mapping[1]);
                out.append('"');
            }
            for (int i = 0; i < atts.getLength(); i++) {
                out.append(' ').append(atts.getQName(i)).append("=\"");
                escapeAttribute(atts.getValue(i));
                out.append('"');
            }
            out.append('>');
        }

        private void escapeText(char[] ch, int start, int length) {
            for (int i = start; i < start + length; i++) {
                char c = ch[i];
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '\r' -> out.append("&#13;");
                    default -> out.append(c);
                }
            }
        }

        private void escapeAttribute(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '"' -> out.append("&quot;");
                    case '\t' -> out.append("&#9;");
                    case '\n' -> out.append("&#10;");
                    case '\r' -> out.append("&#13;");
                    default -> out.append(c);
                }
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) {
            // validity errors: none without a schema or DTD
        }

    }
}
