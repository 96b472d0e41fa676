package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rule unit tests that ship with the PEPPOL BIS 3 and EN 16931 rules (vefa {@code testSet}
 * files in the corpus): each bundles document fragments with what the named rule must do to each,
 * {@code success} (does not fire), {@code error} (fires, flag fatal) or {@code warning}. They run
 * here against the same compiled rules the reader uses, so "the file its source marks invalid is
 * rejected with the rule the source names" holds rule by rule. (Through the reader, a testSet
 * file is refused as UNSUPPORTED_DOCUMENT: its root is testSet.)
 */
class SchematronUnitTest {

    private static final String VEFA = "http://difi.no/xsd/vefa/validator/1.0";

    /**
     * testSets for rules that are not in the PEPPOL BIS Billing 3.0 rule set, and why. Everything
     * else (configurations peppolbis-en16931-* and tc434-ubl) is run.
     */
    static final Map<String, String> NOT_PEPPOL_BIS3_RULES = Map.of(
            "ehf-t10-base-2.0", "EHF 2.0 invoice rules (NOGOV-T10-*): EHF 2.0 is refused as an unsupported customization before any rule runs",
            "ehf-common-base-3.0", "EHF common rules (EHF-COMMON-*) for EHF's own documents (orders, catalogues, reminders), shipped in phive-rules-ehf, not part of BIS Billing 3.0");

    /** One fragment of a testSet and what must happen to each rule its assert names. */
    record Case(String file, int index, boolean creditNote, byte[] document, List<String[]> expectations) {
        @Override
        public String toString() {
            return file.substring(file.lastIndexOf('/') + 1) + " #" + index;
        }
    }

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (String file : testSets().keySet()) {
            Element testSet = parse(EhfCorpus.bytes(file)).getDocumentElement();
            if (NOT_PEPPOL_BIS3_RULES.containsKey(testSet.getAttribute("configuration"))) {
                continue;
            }
            int index = 0;
            for (Element test : children(testSet, "test")) {
                index++;
                List<String[]> expectations = new ArrayList<>();
                Element document = null;
                for (Node n = test.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (!(n instanceof Element e)) {
                        continue;
                    }
                    if (VEFA.equals(e.getNamespaceURI()) && "assert".equals(e.getLocalName())) {
                        for (String kind : List.of("success", "error", "warning")) {
                            for (Element rule : children(e, kind)) {
                                expectations.add(new String[] {kind, rule.getTextContent().strip(), rule.getAttribute("number")});
                            }
                        }
                    } else if (document == null) {
                        document = e;
                    }
                }
                if (document != null && !expectations.isEmpty()) {
                    Case c = new Case(file, index, "CreditNote".equals(document.getLocalName()), serialize(document), expectations);
                    cases.add(Arguments.of(c));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRuleDoesWhatItsOwnUnitTestSays(Case unit) {
        List<Finding> findings = unit.creditNote()
                ? SharedRules.RULES.validateCreditNote(unit.document())
                : SharedRules.RULES.validateInvoice(unit.document());

        for (String[] expectation : unit.expectations()) {
            String kind = expectation[0];
            String rule = expectation[1];
            List<Finding> fired = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
            switch (kind) {
                case "success" -> assertThat(fired).as(rule + " must not fire").isEmpty();
                case "error" -> assertThat(fired).as(rule + " must fire as fatal").isNotEmpty().allMatch(Finding::isFatal);
                default -> assertThat(fired).as(rule + " must fire as a warning").isNotEmpty()
                        .allMatch(f -> f.severity() == Severity.WARNING);
            }
            if (!kind.equals("success") && !expectation[2].isEmpty()) {
                assertThat(fired).as(rule + " fires once per offending element").hasSize(Integer.parseInt(expectation[2]));
            }
        }
    }

    @Test
    void onlyTestSetsForRulesOutsideBis3AreLeftOut() throws Exception {
        Set<String> configurations = new java.util.TreeSet<>();
        for (String file : testSets().keySet()) {
            configurations.add(parse(EhfCorpus.bytes(file)).getDocumentElement().getAttribute("configuration"));
        }
        configurations.removeIf(c -> c.startsWith("peppolbis-en16931-") || c.equals("tc434-ubl"));
        assertThat(configurations).isEqualTo(NOT_PEPPOL_BIS3_RULES.keySet());
        assertThat(cases().count()).isGreaterThan(150);
    }

    @Test
    void everyTestSetFileIsRefusedByTheReaderAsNotAnInvoice() {
        for (String file : testSets().keySet()) {
            EhfResult result = SharedRules.reader(SchematronMode.ENFORCE).read(EhfCorpus.bytes(file), EhfOrigin.of("unit"));
            assertThat(result).isInstanceOfSatisfying(EhfResult.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectReason.UNSUPPORTED_DOCUMENT));
        }
    }

    private static Map<String, String> testSets() {
        Map<String, String> sets = new TreeMap<>();
        EhfCorpus.manifest().values().stream()
                .filter(row -> row.type().equals("vefa testSet"))
                .forEach(row -> sets.put(row.file(), row.validity()));
        return sets;
    }

    private static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && VEFA.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The fragment as a document of its own, with the namespaces it uses declared. */
    private static byte[] serialize(Element fragment) throws Exception {
        Document own = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        own.appendChild(own.importNode(fragment, true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(own), new StreamResult(out));
        return out.toByteArray();
    }
}
