package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The validator runs phive's PEPPOL rules itself (Saxon over a tree without indentation) instead of
 * through phive's executors; here both run on every BIS 3 document of the corpus and must report
 * the same rules with the same severities.
 */
class SchematronValidatorTest {

    private static IValidationExecutorSet<IValidationSourceXML> invoiceSet;
    private static IValidationExecutorSet<IValidationSourceXML> creditNoteSet;

    @BeforeAll
    static void phiveRegistry() {
        // phive logs a line per schematron run (config/application.yml quiets it in the application)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.helger.schematron")).setLevel(ch.qos.logback.classic.Level.WARN);
        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        PeppolValidation.initStandard(registry);
        invoiceSet = registry.findFirst(s -> s.getID().getAsSingleID().equals(SharedRules.RULES.invoiceRules()));
        creditNoteSet = registry.findFirst(s -> s.getID().getAsSingleID().equals(SharedRules.RULES.creditNoteRules()));
    }

    static Stream<String> bis3Documents() {
        return EhfCorpus.files().filter(f -> {
            var rejection = EhfCorpusTest.expectedRejection(f);
            return rejection.isEmpty() || rejection.get() == RejectReason.MISSING_DUE_DATE || rejection.get() == RejectReason.NEGATIVE_AMOUNT;
        }).filter(f -> !EhfCorpus.row(f).type().startsWith("SBDH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bis3Documents")
    void findsWhatPhivesOwnExecutorsFind(String file) throws Exception {
        byte[] bytes = EhfCorpus.bytes(file);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        boolean invoice = "Invoice".equals(dom.getDocumentElement().getLocalName());

        List<String> phive = new ArrayList<>();
        for (IValidationExecutor<IValidationSourceXML> executor : (invoice ? invoiceSet : creditNoteSet).getAllExecutors()) {
            if (executor.getValidationArtefact().getValidationType().getBaseType() != EValidationBaseType.SCHEMATRON) {
                continue;
            }
            var result = executor.applyValidation(ValidationSourceXML.create(file, dom), IValidityDeterminator.createDefault(), Locale.ROOT);
            result.getErrorList().forEach(e -> phive.add(e.getErrorID() + (e.getErrorLevel().isError() ? " FATAL" : " " + e.getErrorLevel().getID())));
        }
        List<String> ours = (invoice ? SharedRules.RULES.validateInvoice(bytes) : SharedRules.RULES.validateCreditNote(bytes)).stream()
                .map(f -> f.ruleId() + (f.isFatal() ? " FATAL" : " " + (f.severity() == Severity.WARNING ? "warn" : "info")))
                .toList();

        assertThat(ours).containsExactlyInAnyOrderElementsOf(phive);
    }

    @Test
    void locationsAreShortenedToPrefixedSteps() {
        assertThat(SchematronValidator.shortLocation("/*:Invoice[namespace-uri()='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'][1]"
                + "/*:AccountingSupplierParty[namespace-uri()='urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2'][1]"
                + "/*:EndpointID[namespace-uri()='urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'][1]"
                + "/*:x[namespace-uri()='urn:other'][1]"))
                .isEqualTo("/ubl:Invoice[1]/cac:AccountingSupplierParty[1]/cbc:EndpointID[1]/{urn:other}x[1]");
    }
}
