package no.inkasso.gateway.ehf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Small edits to a UBL document for tests: change, remove or add elements by XPath (prefixes cac, cbc). */
final class UblEdit {

    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    /** XPath prefixes cbc and cac for UBL 2.1 documents. */
    static final NamespaceContext NS = new NamespaceContext() {
        @Override
        public String getNamespaceURI(String prefix) {
            return switch (prefix) {
                case "cbc" -> CBC;
                case "cac" -> CAC;
                default -> null;
            };
        }

        @Override
        public String getPrefix(String namespaceURI) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceURI) {
            return null;
        }
    };

    private final Document doc;

    private UblEdit(Document doc) {
        this.doc = doc;
    }

    static UblEdit of(String corpusFile) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new UblEdit(factory.newDocumentBuilder().parse(new ByteArrayInputStream(EhfCorpus.bytes(corpusFile))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Norwegian national example of PEPPOL BIS Billing 3.0 (OpenPEPPOL), the base of most edits. */
    static UblEdit norwegianExample() {
        return of(NORWEGIAN_EXAMPLE);
    }

    static final String NORWEGIAN_EXAMPLE = "peppol/OpenPEPPOL__peppol-bis-invoice-3/rules/national-examples/NO/Norwegian-example-1.xml";

    private NodeList nodes(String xpath) {
        try {
            var path = XPathFactory.newInstance().newXPath();
            path.setNamespaceContext(NS);
            NodeList found = (NodeList) path.evaluate(xpath, doc.getDocumentElement(), XPathConstants.NODESET);
            if (found.getLength() == 0) {
                throw new IllegalArgumentException("nothing at " + xpath);
            }
            return found;
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    UblEdit text(String xpath, String value) {
        NodeList found = nodes(xpath);
        for (int i = 0; i < found.getLength(); i++) {
            found.item(i).setTextContent(value);
        }
        return this;
    }

    UblEdit attribute(String xpath, String name, String value) {
        NodeList found = nodes(xpath);
        for (int i = 0; i < found.getLength(); i++) {
            ((Element) found.item(i)).setAttribute(name, value);
        }
        return this;
    }

    UblEdit remove(String xpath) {
        NodeList found = nodes(xpath);
        for (int i = 0; i < found.getLength(); i++) {
            Node node = found.item(i);
            node.getParentNode().removeChild(node);
        }
        return this;
    }

    /** Adds a cbc element with text right after the first node at {@code xpath}. */
    UblEdit addAfter(String xpath, String cbcName, String value) {
        Node anchor = nodes(xpath).item(0);
        Element added = doc.createElementNS(CBC, "cbc:" + cbcName);
        added.setTextContent(value);
        anchor.getParentNode().insertBefore(added, anchor.getNextSibling());
        return this;
    }

    byte[] bytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String string() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
