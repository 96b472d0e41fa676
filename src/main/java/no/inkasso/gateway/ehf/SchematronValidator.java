package no.inkasso.gateway.ehf;

import com.helger.io.resource.IReadableResource;
import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.xml.source.IValidationSourceXML;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SAXDestination;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The PEPPOL BIS Billing 3.0 schematron rules (CEN EN 16931 UBL, then PEPPOL's, which include the
 * national rules such as NO-R-001), compiled once and shared by every thread.
 *
 * <p>The rules are phive-rules-peppol's: {@link #peppolBis3()} takes the newest PEPPOL BIS 3 invoice
 * and credit note validation sets that are in force today from phive's registry, and compiles their
 * schematron XSLTs (shipped pre-compiled from the .sch by OpenPeppol) once with Saxon, in this
 * constructor, about 3-4 s. The XSD layer of those sets is left out: {@link UblBinder} has already
 * checked it. Each document is then parsed once into a Saxon tree (through a hardened reader, and
 * without the indentation between elements: {@link ElementOnlyWhitespaceFilter}) and every XSLT runs
 * over it; the SVRL report is read as it streams out. phive's own executor gives
 * the same findings but hands Saxon a W3C DOM and reads the report back through JAXB, which
 * measured two to three times slower here (docs/benchmarks.md).
 */
public final class SchematronValidator {

    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final Pattern NAMESPACED_STEP = Pattern.compile("\\*:([\\w.\\-]+)\\[namespace-uri\\(\\)='([^']*)'\\]");
    private static final Map<String, String> PREFIXES = Map.of(
            XmlFrontDoor.UBL_INVOICE_NS, "ubl",
            XmlFrontDoor.UBL_CREDIT_NOTE_NS, "cn",
            "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2", "cac",
            XmlFrontDoor.UBL_CBC_NS, "cbc",
            XmlFrontDoor.UBL_EXT_NS, "ext");

    /** One compiled schematron and the name findings are reported under. */
    private record Layer(String name, XsltExecutable stylesheet) {}

    private final Processor processor;
    private final String invoiceRules;
    private final String creditNoteRules;
    private final List<Layer> invoiceLayers;
    private final List<Layer> creditNoteLayers;
    private final Pool<XMLReader> readers = new Pool<>(() -> SecureXml.newReader(null, true), 64);

    private SchematronValidator(Processor processor, IValidationExecutorSet<IValidationSourceXML> invoice,
                                IValidationExecutorSet<IValidationSourceXML> creditNote) {
        this.processor = processor;
        this.invoiceRules = invoice.getID().getAsSingleID();
        this.creditNoteRules = creditNote.getID().getAsSingleID();
        Map<String, Layer> compiled = new LinkedHashMap<>();
        this.invoiceLayers = layers(invoice, compiled);
        this.creditNoteLayers = layers(creditNote, compiled);
    }

    /** The PEPPOL BIS Billing 3.0 rules in force today, compiled; takes a few seconds, so make one and share it. */
    public static SchematronValidator peppolBis3() {
        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        PeppolValidation.initStandard(registry);
        return new SchematronValidator(new Processor(false),
                newestInForce(registry, "invoice"), newestInForce(registry, "creditnote"));
    }

    private static IValidationExecutorSet<IValidationSourceXML> newestInForce(
            ValidationExecutorSetRegistry<IValidationSourceXML> registry, String artifact) {
        return registry.findAll(set -> "eu.peppol.bis3".equals(set.getID().getGroupID())
                        && artifact.equals(set.getID().getArtifactID())
                        && !set.getStatus().isDeprecated()
                        && set.getStatus().isValidPerNow())
                .stream()
                .max(Comparator.comparing(set -> set.getID().getVersionObj()))
                .orElseThrow(() -> new IllegalStateException("phive-rules-peppol has no PEPPOL BIS 3 " + artifact + " rules in force today"));
    }

    private List<Layer> layers(IValidationExecutorSet<IValidationSourceXML> set, Map<String, Layer> compiled) {
        List<Layer> layers = new ArrayList<>();
        for (IValidationExecutor<IValidationSourceXML> executor : set.getAllExecutors()) {
            if (executor.getValidationArtefact().getValidationType().getBaseType() != EValidationBaseType.SCHEMATRON) {
                continue;
            }
            IReadableResource rules = executor.getValidationArtefact().getRuleResource();
            String path = executor.getValidationArtefact().getRuleResourcePath();
            layers.add(compiled.computeIfAbsent(path, p -> new Layer(layerName(p), compile(rules, p))));
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException(set.getID().getAsSingleID() + " has no schematron layer");
        }
        return List.copyOf(layers);
    }

    private XsltExecutable compile(IReadableResource rules, String path) {
        XsltCompiler compiler = processor.newXsltCompiler();
        try (InputStream in = rules.getInputStream()) {
            if (in == null) {
                throw new IllegalStateException("schematron " + path + " is not on the classpath");
            }
            var url = rules.getAsURL();
            return compiler.compile(new StreamSource(in, url == null ? path : url.toExternalForm()));
        } catch (IOException | SaxonApiException e) {
            throw new IllegalStateException("schematron " + path + " does not compile", e);
        }
    }

    private static String layerName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".xslt") ? file.substring(0, file.length() - 5) : file;
    }

    /** The rule set used for invoices, e.g. {@code eu.peppol.bis3:invoice:2026.5}. */
    public String invoiceRules() {
        return invoiceRules;
    }

    /** The rule set used for credit notes. */
    public String creditNoteRules() {
        return creditNoteRules;
    }

    /** Every assertion that fails and every report that fires, for a UBL Invoice document. */
    public List<Finding> validateInvoice(byte[] ublInvoice) {
        return validate(ublInvoice, invoiceLayers);
    }

    /** Every assertion that fails and every report that fires, for a UBL CreditNote document. */
    public List<Finding> validateCreditNote(byte[] ublCreditNote) {
        return validate(ublCreditNote, creditNoteLayers);
    }

    private List<Finding> validate(byte[] document, List<Layer> layers) {
        XdmNode tree = parse(document);
        List<Finding> findings = new ArrayList<>();
        for (Layer layer : layers) {
            try {
                layer.stylesheet().load30().transform(tree.asSource(), new SAXDestination(new SvrlReader(findings)));
            } catch (SaxonApiException e) {
                throw new IllegalStateException("schematron " + layer.name() + " failed on a document it should handle", e);
            }
        }
        return findings;
    }

    private XdmNode parse(byte[] document) {
        XMLReader reader = readers.take();
        try {
            return processor.newDocumentBuilder().build(new SAXSource(new ElementOnlyWhitespaceFilter(reader),
                    new InputSource(new ByteArrayInputStream(document))));
        } catch (SaxonApiException e) {
            // the binder has parsed the same bytes already, so this is not the sender's fault
            throw new IllegalStateException("a document that passed the XSD could not be parsed for schematron", e);
        } finally {
            reader.setContentHandler(null);
            readers.give(reader);
        }
    }

    /** Turns SVRL's failed-assert and successful-report elements into findings, as they arrive. */
    private static final class SvrlReader extends DefaultHandler {

        private final List<Finding> findings;
        private String id;
        private String flag;
        private String location;
        private StringBuilder text;
        private boolean inResult;

        SvrlReader(List<Finding> findings) {
            this.findings = findings;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            if (!SVRL.equals(uri)) {
                return;
            }
            if ("failed-assert".equals(localName) || "successful-report".equals(localName)) {
                inResult = true;
                id = atts.getValue("id");
                flag = atts.getValue("flag");
                location = atts.getValue("location");
            } else if (inResult && "text".equals(localName)) {
                text = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (!SVRL.equals(uri)) {
                return;
            }
            if ("text".equals(localName) && text != null && inResult) {
                String message = text.toString().strip().replaceAll("\\s+", " ");
                findings.add(new Finding(id == null ? "" : id, severity(flag), message, shortLocation(location)));
                text = null;
            } else if ("failed-assert".equals(localName) || "successful-report".equals(localName)) {
                inResult = false;
                text = null;
            }
        }

        private static Severity severity(String flag) {
            if (flag == null || "fatal".equalsIgnoreCase(flag) || "error".equalsIgnoreCase(flag)) {
                return Severity.FATAL;
            }
            return "warning".equalsIgnoreCase(flag) ? Severity.WARNING : Severity.INFO;
        }
    }

    /** {@code /*:Invoice[namespace-uri()='urn:…Invoice-2'][1]/*:ID[…]} becomes {@code /ubl:Invoice[1]/cbc:ID[1]}. */
    static String shortLocation(String location) {
        if (location == null) {
            return "";
        }
        Matcher step = NAMESPACED_STEP.matcher(location);
        StringBuilder out = new StringBuilder();
        while (step.find()) {
            String prefix = PREFIXES.get(step.group(2));
            step.appendReplacement(out, Matcher.quoteReplacement(prefix == null ? "{" + step.group(2) + "}" + step.group(1) : prefix + ":" + step.group(1)));
        }
        step.appendTail(out);
        return out.toString();
    }
}
