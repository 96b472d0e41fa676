package no.inkasso.gateway.ehf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The EHF / PEPPOL test corpus in src/test/resources/ehf/corpus (a copy of the shared test data)
 * and its MANIFEST.md table, which says for each file what its source says about it.
 */
final class EhfCorpus {

    static final Path ROOT = Path.of("src/test/resources/ehf/corpus");
    static final Path PEPPOL = ROOT.resolve("peppol");

    private static final Map<String, Row> MANIFEST = readManifest();

    private EhfCorpus() {
    }

    /**
     * One MANIFEST.md row. {@code due}, {@code paymentMeans} and {@code buyer} are the manifest's
     * own summaries of the document (e.g. {@code DueDate 2013-07-20}, {@code code 31 PaymentID 000… (numeric 16d, no MOD10/11)},
     * {@code Endpoint 0192:987654325; PartyId 0088:…}).
     */
    record Row(String file, String source, String type, String validity, String xsd, String currency, String due,
               String paymentMeans, String buyer) {

        boolean schemaInvalid() {
            return xsd.startsWith("INVALID");
        }

        int schemaErrors() {
            Matcher m = Pattern.compile("INVALID\\((\\d+)\\)").matcher(xsd);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        /** The due date the manifest names (DueDate or PaymentMeans/PaymentDueDate), if any. */
        Optional<String> dueDate() {
            Matcher m = Pattern.compile("(?:DueDate|PaymentDueDate) (\\d{4}-\\d{2}-\\d{2})").matcher(due);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** The first PaymentID and what the manifest says about its check digits, if there is one. */
        Optional<PaymentId> paymentId() {
            Matcher m = Pattern.compile("(?<!no )PaymentID (.*?) \\((numeric [^)]*|non-numeric)\\)").matcher(paymentMeans);
            return m.find() ? Optional.of(new PaymentId(m.group(1), m.group(2))) : Optional.empty();
        }

        /** The buyer's identifiers as (place, scheme, value); place is Endpoint, PartyId, LegalEntity or TaxScheme[…]. */
        List<String[]> buyerIds() {
            List<String[]> ids = new ArrayList<>();
            if (buyer.isBlank() || buyer.contains("(no identifiers)")) {
                return ids;
            }
            for (String part : buyer.split("; ")) {
                int space = part.indexOf(' ');
                String place = part.substring(0, space);
                String id = part.substring(space + 1);
                if (place.startsWith("TaxScheme")) {
                    ids.add(new String[] {place, "", id});
                } else {
                    int colon = id.lastIndexOf(':');
                    ids.add(new String[] {place, id.substring(0, colon), id.substring(colon + 1)});
                }
            }
            return ids;
        }
    }

    /** A PaymentID as the manifest describes it: {@code numeric 16d, no MOD10/11}, {@code numeric 7d, MOD11}, {@code non-numeric}. */
    record PaymentId(String value, String checkDigits) {
        boolean passesMod10OrMod11() {
            return checkDigits.startsWith("numeric") && !checkDigits.contains("no MOD");
        }
    }

    static Stream<String> files() {
        try (Stream<Path> walk = Files.walk(PEPPOL)) {
            return walk.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/')).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(ROOT.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Row row(String file) {
        Row row = MANIFEST.get(file);
        if (row == null) {
            throw new IllegalStateException(file + " is not in MANIFEST.md");
        }
        return row;
    }

    static Map<String, Row> manifest() {
        return MANIFEST;
    }

    private static Map<String, Row> readManifest() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(ROOT.resolve("MANIFEST.md"))) {
                if (!line.startsWith("| peppol/")) {
                    continue;
                }
                String[] cells = line.split("\\|", -1);
                if (cells.length != 13) {
                    throw new IllegalStateException("MANIFEST.md row with " + cells.length + " cells: " + line);
                }
                String[] c = new String[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    c[i] = cells[i].strip();
                }
                rows.put(c[1], new Row(c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A plain DOM view of a corpus document, for checking the reader's results against the XML itself. */
    static final class Xml {

        /** The cbc/cac prefixes, shared with {@link UblEdit}. */
        private static final NamespaceContext NS = UblEdit.NS;

        private final Element payload;

        private Xml(Element payload) {
            this.payload = payload;
        }

        /** The business document (inside the SBDH if there is one), or empty when the file is not XML the JDK reads. */
        static Optional<Xml> of(byte[] bytes) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
                Element root = doc.getDocumentElement();
                if ("StandardBusinessDocument".equals(root.getLocalName())) {
                    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element e && !"StandardBusinessDocumentHeader".equals(e.getLocalName())) {
                            return Optional.of(new Xml(e));
                        }
                    }
                }
                return Optional.of(new Xml(root));
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        String rootName() {
            return payload.getLocalName();
        }

        /** The string value of an XPath relative to the business document's root element ("" when absent). */
        String text(String xpath) {
            try {
                var path = XPathFactory.newInstance().newXPath();
                path.setNamespaceContext(NS);
                return ((String) path.evaluate(xpath, payload, XPathConstants.STRING)).strip();
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(xpath, e);
            }
        }

        List<String> texts(String xpath) {
            try {
                var path = XPathFactory.newInstance().newXPath();
                path.setNamespaceContext(NS);
                NodeList nodes = (NodeList) path.evaluate(xpath, payload, XPathConstants.NODESET);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    values.add(nodes.item(i).getTextContent().strip());
                }
                return values;
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(xpath, e);
            }
        }

        BigDecimal amount(String xpath) {
            String value = text(xpath);
            return value.isEmpty() ? null : new BigDecimal(value);
        }
    }
}
