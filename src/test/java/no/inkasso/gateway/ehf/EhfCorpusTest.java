package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.Creditor;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.NationalIdScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the test corpus, read as a ledger would send it: the outcome follows from what
 * MANIFEST.md says about the file (type, validity, XSD result, due date, payment id, buyer ids) and
 * from the document itself (its CustomizationID and totals, read here with plain XPath), never
 * from a hand-picked list.
 */
class EhfCorpusTest {

    private static final String BIS3 = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

    /**
     * Example files whose sources call them valid (or say nothing) but that today's PEPPOL rules
     * (phive-rules-peppol 4.3.7, BIS Billing 3.0 2026.5) refuse, with the fatal rules that fire.
     * The examples predate those rules: the Swedish EN 16931 test files use made-up organisation
     * numbers that fail the check digit PEPPOL-COMMON-R049 asks for (added after they were
     * written) and SE-R-013; some GLNs fail their GS1 check digit (PEPPOL-COMMON-R040); the phase4
     * example has no buyer name (BR-07).
     */
    static final Map<String, Set<String>> REFUSED_BY_TODAYS_RULES = Map.ofEntries(
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-DataIT.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Elhandel.xml", Set.of("PEPPOL-COMMON-R040", "PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Elnat.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Forskott_slutreglering.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Hyrbil.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Inkopskort.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Kreditering_(urspr_faktura).xml", Set.of("PEPPOL-COMMON-R049", "PEPPOL-COMMON-R040", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-OmvandSkattskyldighet.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Rantefaktura_Enkel.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Resor_Bokning.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Resor_Taxi.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Telefoni.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Tjanster_Bevakning.xml", Set.of("PEPPOL-COMMON-R049", "PEPPOL-COMMON-R040", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/BIS_Billing_30-Tjanster_Kopiering.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/CreditNote-Max_content.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/CreditNote-Min_content_with_VAT.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/Invoice-Max_content.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/Invoice-Min_content_with_VAT.xml", Set.of("PEPPOL-COMMON-R049")),
            Map.entry("peppol/ConnectingEurope__eInvoicing-EN16931/test/testfiles/Invoice-Min_content_without_VAT.xml", Set.of("PEPPOL-COMMON-R049", "SE-R-013")),
            Map.entry("peppol/phax__phase4/phase4-peppol-client/src/test/resources/external/examples/at-gov-peppol-ubl.xml", Set.of("PEPPOL-COMMON-R040")),
            Map.entry("peppol/phax__phase4/phase4-peppol-client/src/test/resources/external/examples/base-example-ph.xml", Set.of("BR-07")));

    static Stream<String> corpus() {
        return EhfCorpus.files();
    }

    /** What the manifest and the document itself say must happen, before the schematron has a say. */
    static Optional<RejectReason> expectedRejection(String file) {
        EhfCorpus.Row row = EhfCorpus.row(file);
        String type = row.type();
        if (type.equals("vefa testSet") || type.equals("SBDH header only") || type.equals("Reminder")
                || (type.startsWith("SBDH+") && !type.equals("SBDH+Invoice"))) {
            return Optional.of(RejectReason.UNSUPPORTED_DOCUMENT);
        }
        if (type.startsWith("other: StandardBusinessDocument")) {
            return Optional.of(RejectReason.WRONG_NAMESPACE);
        }
        EhfCorpus.Xml xml = EhfCorpus.Xml.of(EhfCorpus.bytes(file)).orElseThrow();
        if (!BIS3.equals(xml.text("cbc:CustomizationID"))) {
            return Optional.of(RejectReason.UNSUPPORTED_CUSTOMIZATION);
        }
        if (row.schemaInvalid()) {
            return Optional.of(RejectReason.SCHEMA_INVALID);
        }
        boolean invoice = xml.rootName().equals("Invoice");
        BigDecimal payable = xml.amount("cac:LegalMonetaryTotal/cbc:PayableAmount");
        if (payable != null && payable.signum() < 0) {
            return Optional.of(RejectReason.NEGATIVE_AMOUNT);
        }
        if (invoice && row.dueDate().isEmpty()) {
            return Optional.of(RejectReason.MISSING_DUE_DATE);
        }
        return Optional.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyFileIsTakenOrRefusedAsItsManifestRowAndContentSay(String file) {
        byte[] bytes = EhfCorpus.bytes(file);
        EhfResult result = SharedRules.reader(SchematronMode.WARN).read(bytes, new EhfOrigin("corpus-test", "doc-1"));

        Optional<RejectReason> expected = expectedRejection(file);
        if (expected.isPresent()) {
            assertThat(result).as(file).isInstanceOf(EhfResult.Rejected.class);
            EhfResult.Rejected rejected = (EhfResult.Rejected) result;
            assertThat(rejected.reason()).as(rejected.message()).isEqualTo(expected.get());
            checkRejection(file, rejected);
            return;
        }
        assertThat(result).as(file + ": " + result).isInstanceOf(EhfResult.Accepted.class);
        EhfResult.Accepted accepted = (EhfResult.Accepted) result;
        EhfCorpus.Row row = EhfCorpus.row(file);
        EhfCorpus.Xml xml = EhfCorpus.Xml.of(bytes).orElseThrow();
        if (accepted.document() instanceof EhfInvoice invoice) {
            checkInvoice(row, xml, invoice, accepted.warnings());
        } else {
            checkCreditNote(row, xml, (EhfCreditNote) accepted.document());
        }
        if (REFUSED_BY_TODAYS_RULES.containsKey(file)) {
            assertThat(accepted.warnings()).filteredOn(Finding::isFatal).extracting(Finding::ruleId)
                    .as("in WARN mode the fatal findings come with the document").containsAll(REFUSED_BY_TODAYS_RULES.get(file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void withTheRulesEnforcedEveryValidBis3DocumentIsTakenUnlessTodaysRulesSayOtherwise(String file) {
        if (expectedRejection(file).isPresent()) {
            return; // refused before the rules run, checked above
        }
        EhfResult result = SharedRules.reader(SchematronMode.ENFORCE).read(EhfCorpus.bytes(file), EhfOrigin.of("corpus-test"));

        Set<String> refusedBy = REFUSED_BY_TODAYS_RULES.get(file);
        if (refusedBy == null) {
            assertThat(result).as(file + ": " + result).isInstanceOf(EhfResult.Accepted.class);
            assertThat(((EhfResult.Accepted) result).warnings()).noneMatch(Finding::isFatal);
            return;
        }
        assertThat(result).as(file).isInstanceOf(EhfResult.Rejected.class);
        EhfResult.Rejected rejected = (EhfResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(RejectReason.SCHEMATRON_FATAL);
        assertThat(rejected.findings()).filteredOn(Finding::isFatal).extracting(Finding::ruleId)
                .containsExactlyInAnyOrderElementsOf(fatalRulesIn(rejected));
        assertThat(Set.copyOf(fatalRulesIn(rejected))).isEqualTo(refusedBy);
        assertThat(rejected.findings()).filteredOn(Finding::isFatal)
                .allSatisfy(f -> assertThat(f.location()).startsWith("/").doesNotContain("namespace-uri()"))
                .allSatisfy(f -> assertThat(f.message()).isNotBlank());
        assertThat(rejected.message()).contains(refusedBy.toArray(String[]::new));
    }

    @Test
    void theCorpusAndItsManifestListTheSameFiles() {
        assertThat(EhfCorpus.files().toList()).containsExactlyInAnyOrderElementsOf(EhfCorpus.manifest().keySet());
        assertThat(EhfCorpus.manifest()).hasSize(168);
    }

    @Test
    void theListOfFilesTodaysRulesRefuseNamesOnlyCorpusFiles() {
        assertThat(EhfCorpus.manifest().keySet()).containsAll(REFUSED_BY_TODAYS_RULES.keySet());
    }

    private static List<String> fatalRulesIn(EhfResult.Rejected rejected) {
        return rejected.findings().stream().filter(Finding::isFatal).map(Finding::ruleId).toList();
    }

    private static void checkRejection(String file, EhfResult.Rejected rejected) {
        EhfCorpus.Row row = EhfCorpus.row(file);
        switch (rejected.reason()) {
            case UNSUPPORTED_CUSTOMIZATION -> {
                String customization = EhfCorpus.Xml.of(EhfCorpus.bytes(file)).orElseThrow().text("cbc:CustomizationID");
                assertThat(rejected.message()).as("names the CustomizationID found").contains(customization);
                if (customization.contains("ehf:faktura:ver2.0") || customization.contains("ehf:kreditnota:ver2.0")) {
                    assertThat(rejected.message()).contains("EHF 2.0");
                }
            }
            case SCHEMA_INVALID -> {
                assertThat(rejected.findings()).hasSize(row.schemaErrors());
                assertThat(rejected.findings()).allSatisfy(f -> {
                    assertThat(f.ruleId()).startsWith("cvc-");
                    assertThat(f.severity()).isEqualTo(Severity.FATAL);
                    assertThat(f.location()).matches("(payload )?line \\d+, column \\d+");
                });
            }
            case MISSING_DUE_DATE -> assertThat(rejected.findings()).extracting(Finding::ruleId).contains(GatewayRules.MISSING_DUE_DATE);
            case UNSUPPORTED_DOCUMENT, WRONG_NAMESPACE, NEGATIVE_AMOUNT -> assertThat(rejected.message()).isNotBlank();
            default -> throw new AssertionError("unexpected " + rejected);
        }
    }

    private static void checkInvoice(EhfCorpus.Row row, EhfCorpus.Xml xml, EhfInvoice invoice, List<Finding> warnings) {
        Claim claim = invoice.claim();
        ClaimXml.assertValid(claim);
        assertThat(claim.getSource().getSystem()).isEqualTo("corpus-test");
        assertThat(claim.getInvoice().getNumber()).isEqualTo(xml.text("cbc:ID"));
        assertThat(claim.getInvoice().getIssueDate()).isEqualTo(LocalDate.parse(xml.text("cbc:IssueDate")));
        assertThat(claim.getInvoice().getDueDate()).isEqualTo(LocalDate.parse(row.dueDate().orElseThrow()));
        assertThat(claim.getInvoice().getCurrency()).isEqualTo(row.currency());
        assertThat(invoice.typeCode()).isEqualTo(xml.text("cbc:InvoiceTypeCode"));

        BigDecimal payable = xml.amount("cac:LegalMonetaryTotal/cbc:PayableAmount");
        BigDecimal prepaid = Optional.ofNullable(xml.amount("cac:LegalMonetaryTotal/cbc:PrepaidAmount")).orElse(BigDecimal.ZERO);
        assertThat(claim.getInvoice().getOutstandingAmount()).isEqualByComparingTo(payable);
        assertThat(claim.getInvoice().getOriginalAmount()).isEqualByComparingTo(payable.add(prepaid));
        BigDecimal vat = xml.amount("cac:TaxTotal/cbc:TaxAmount[@currencyID='" + row.currency() + "']");
        if (vat != null && vat.signum() >= 0) {
            assertThat(claim.getInvoice().getVatAmount()).isEqualByComparingTo(vat);
        }

        Optional<EhfCorpus.PaymentId> paymentId = row.paymentId();
        if (paymentId.isEmpty()) {
            assertThat(claim.getInvoice().getKid()).isNull();
            assertThat(warnings).extracting(Finding::ruleId).doesNotContain(GatewayRules.KID_CHECK_DIGIT);
        } else if (paymentId.get().passesMod10OrMod11()) {
            assertThat(claim.getInvoice().getKid()).isEqualTo(paymentId.get().value());
            assertThat(warnings).extracting(Finding::ruleId).doesNotContain(GatewayRules.KID_CHECK_DIGIT);
        } else {
            assertThat(claim.getInvoice().getKid()).as("a KID failing MOD10/MOD11 is left out").isNull();
            assertThat(invoice.paymentReference()).isEqualTo(paymentId.get().value());
            assertThat(warnings).filteredOn(f -> f.ruleId().equals(GatewayRules.KID_CHECK_DIGIT))
                    .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }

        checkCreditor(xml, claim.getCreditor());
        checkDebtor(row, xml, claim.getDebtor());
        checkAttachments(xml, invoice.attachments());
        assertThat(claim.getAttachments()).extracting(a -> a.getUri())
                .containsExactlyElementsOf(invoice.attachments().stream().map(a -> a.reference().getUri()).toList());
    }

    private static void checkCreditNote(EhfCorpus.Row row, EhfCorpus.Xml xml, EhfCreditNote creditNote) {
        assertThat(creditNote.number()).isEqualTo(xml.text("cbc:ID"));
        assertThat(creditNote.typeCode()).isEqualTo(xml.text("cbc:CreditNoteTypeCode"));
        assertThat(creditNote.currency()).isEqualTo(row.currency());
        assertThat(creditNote.issueDate()).isEqualTo(LocalDate.parse(xml.text("cbc:IssueDate")));
        BigDecimal payable = xml.amount("cac:LegalMonetaryTotal/cbc:PayableAmount");
        BigDecimal prepaid = Optional.ofNullable(xml.amount("cac:LegalMonetaryTotal/cbc:PrepaidAmount")).orElse(BigDecimal.ZERO);
        assertThat(creditNote.payableAmount()).isEqualByComparingTo(payable);
        assertThat(creditNote.amount()).isEqualByComparingTo(payable.add(prepaid));
        assertThat(creditNote.creditedInvoiceNumbers()).isEqualTo(xml.texts("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"));
        assertThat(creditNote.asPayment().getAmount()).isEqualByComparingTo(creditNote.amount());
        checkCreditor(xml, creditNote.creditor());
        checkDebtor(row, xml, creditNote.debtor());
        checkAttachments(xml, creditNote.attachments());
    }

    private static void checkCreditor(EhfCorpus.Xml xml, Creditor creditor) {
        String seller = "cac:AccountingSupplierParty/cac:Party/";
        assertThat(creditor.getCountry()).isEqualTo(xml.text(seller + "cac:PostalAddress/cac:Country/cbc:IdentificationCode"));
        String registered = xml.text(seller + "cac:PartyLegalEntity/cbc:RegistrationName");
        assertThat(creditor.getName()).isEqualTo(registered.isEmpty() ? xml.text(seller + "cac:PartyName/cbc:Name") : registered);
        String norwegian = xml.text(seller + "cac:PartyLegalEntity/cbc:CompanyID[@schemeID='0192']");
        if (!norwegian.isEmpty()) {
            assertThat(creditor.getOrgNumber()).isEqualTo(norwegian);
        }
        assertThat(creditor.isVatRegistered()).isEqualTo(!xml.text(seller + "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID").isEmpty());
    }

    /**
     * The buyer as the manifest lists its ids: an organisation number in 0192 / NO:ORGNR / NO…MVA or
     * 0007 / SE…01 (a registration id before a VAT id before an endpoint or party id, since the
     * latter two address a receiver rather than name the legal person), and an organisation if it
     * has any organisation id.
     */
    private static void checkDebtor(EhfCorpus.Row row, EhfCorpus.Xml xml, Debtor debtor) {
        List<String> placeOrder = List.of("LegalEntity", "TaxScheme[VAT]", "Endpoint", "PartyId");
        List<String[]> ids = row.buyerIds().stream()
                .sorted(java.util.Comparator.comparingInt(id -> placeOrder.indexOf(id[0]) < 0 ? 9 : placeOrder.indexOf(id[0])))
                .toList();
        String norwegian = null;
        String swedish = null;
        boolean organisation = false;
        for (String[] id : ids) {
            String place = id[0];
            String scheme = id[1];
            String value = id[2];
            organisation |= place.equals("LegalEntity") || place.equals("TaxScheme[VAT]") || scheme.matches("\\d{4}") || scheme.endsWith(":ORGNR") || scheme.equals("GLN");
            if (norwegian == null && (scheme.equals("0192") || scheme.equals("NO:ORGNR")) && value.matches("\\d{9}")) {
                norwegian = value;
            }
            Matcher vat = Pattern.compile("NO(\\d{9})MVA").matcher(value);
            if (norwegian == null && place.equals("TaxScheme[VAT]") && vat.matches()) {
                norwegian = vat.group(1);
            }
            if (swedish == null && (scheme.equals("0007") || scheme.equals("SE:ORGNR")) && value.matches("\\d{10}")) {
                swedish = value;
            }
            Matcher seVat = Pattern.compile("SE(\\d{10})01").matcher(value);
            if (swedish == null && place.equals("TaxScheme[VAT]") && seVat.matches()) {
                swedish = seVat.group(1);
            }
        }
        assertThat(debtor.getType()).isEqualTo(organisation ? DebtorType.ORGANISATION : DebtorType.PERSON);
        if (norwegian != null) {
            assertThat(debtor.getNationalId().getScheme()).isEqualTo(NationalIdScheme.NO_ORGANISATION);
            assertThat(debtor.getNationalId().getValue()).isEqualTo(norwegian);
        } else if (swedish != null) {
            assertThat(debtor.getNationalId().getScheme()).isEqualTo(NationalIdScheme.SE_ORGANISATION);
            assertThat(debtor.getNationalId().getValue()).isEqualTo(swedish);
        } else {
            assertThat(debtor.getNationalId()).isNull();
        }
        String buyer = "cac:AccountingCustomerParty/cac:Party/";
        assertThat(debtor.getCountry()).isEqualTo(xml.text(buyer + "cac:PostalAddress/cac:Country/cbc:IdentificationCode"));
        String registered = xml.text(buyer + "cac:PartyLegalEntity/cbc:RegistrationName");
        assertThat(debtor.getName()).isEqualTo(registered.isEmpty() ? xml.text(buyer + "cac:PartyName/cbc:Name") : registered);
        if (debtor.getAddress() != null) {
            assertThat(debtor.getAddress().getPostalCode()).isEqualTo(xml.text(buyer + "cac:PostalAddress/cbc:PostalZone"));
            assertThat(debtor.getAddress().getCity()).isEqualTo(xml.text(buyer + "cac:PostalAddress/cbc:CityName"));
        }
    }

    private static void checkAttachments(EhfCorpus.Xml xml, List<EmbeddedAttachment> attachments) {
        List<String> embedded = xml.texts("cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
        assertThat(attachments).hasSameSizeAs(embedded);
        for (int i = 0; i < embedded.size(); i++) {
            byte[] decoded = Base64.getMimeDecoder().decode(embedded.get(i));
            EmbeddedAttachment attachment = attachments.get(i);
            assertThat(attachment.content()).isEqualTo(decoded);
            assertThat(attachment.reference().getSha256()).isEqualTo(UblMapper.sha256(decoded));
            assertThat(attachment.reference().getUri()).isEqualTo("ehf-attachment:doc-1/" + i);
            assertThat(attachment.reference().getKind()).isEqualTo("EHF_ATTACHMENT");
        }
    }
}
