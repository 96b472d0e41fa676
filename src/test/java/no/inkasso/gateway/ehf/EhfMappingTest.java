package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.inkasso.gateway.claims.ids.KidAlgorithm;
import no.inkasso.gateway.claims.ids.PaymentReferences;
import no.inkasso.gateway.claims.model.AccountType;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ClaimType;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.NationalIdScheme;
import no.inkasso.gateway.claims.model.PaymentKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapping to the claim field by field, and the cases the corpus does not have: made from its examples by small edits. */
class EhfMappingTest {

    private static final EhfOrigin ORIGIN = new EhfOrigin("demo-erp", "inbound-7");
    private static final String SELLER = "cac:AccountingSupplierParty/cac:Party/";
    private static final String BUYER = "cac:AccountingCustomerParty/cac:Party/";

    private static EhfResult read(byte[] document, SchematronMode mode) {
        return SharedRules.reader(mode).read(document, ORIGIN);
    }

    private static EhfResult.Accepted accepted(EhfResult result) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(EhfResult.Accepted.class);
        return (EhfResult.Accepted) result;
    }

    private static EhfResult.Rejected rejected(EhfResult result) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(EhfResult.Rejected.class);
        return (EhfResult.Rejected) result;
    }

    private static Claim claim(EhfResult result) {
        return ((EhfInvoice) accepted(result).document()).claim();
    }

    @Test
    void theNorwegianExampleMapsFieldByField() {
        byte[] document = EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE);
        EhfResult.Accepted accepted = accepted(read(document, SchematronMode.ENFORCE));
        EhfInvoice invoice = (EhfInvoice) accepted.document();
        Claim claim = invoice.claim();

        assertThat(claim.getSource().getSystem()).isEqualTo("demo-erp");
        assertThat(claim.getClaimType()).isEqualTo(ClaimType.ORDINARY);
        var creditor = claim.getCreditor();
        assertThat(creditor.getOrgNumber()).isEqualTo("123456785");
        assertThat(creditor.getCountry()).isEqualTo("NO");
        assertThat(creditor.getName()).isEqualTo("The Sellercompany ASA");
        assertThat(creditor.isVatRegistered()).isTrue();
        assertThat(creditor.getAccount().getType()).isEqualTo(AccountType.IBAN);
        assertThat(creditor.getAccount().getNumber()).isEqualTo("NO9386011117947");
        var debtor = claim.getDebtor();
        assertThat(debtor.getType()).isEqualTo(DebtorType.ORGANISATION);
        assertThat(debtor.getNationalId().getScheme()).isEqualTo(NationalIdScheme.NO_ORGANISATION);
        assertThat(debtor.getNationalId().getValue()).isEqualTo("987654325");
        assertThat(debtor.getName()).isEqualTo("Buyercompany ASA");
        assertThat(debtor.getAddress().getLines()).containsExactly("Anystreet 8", "Back door");
        assertThat(debtor.getAddress().getPostalCode()).isEqualTo("101");
        assertThat(debtor.getAddress().getCity()).isEqualTo("Anytown");
        assertThat(debtor.getCountry()).isEqualTo("NO");
        assertThat(debtor.getEmail()).isEqualTo("john@buyercompany.no");
        assertThat(debtor.getPhone()).isEqualTo("5121230");
        var details = claim.getInvoice();
        assertThat(details.getNumber()).isEqualTo("TOSL108");
        assertThat(details.getIssueDate()).isEqualTo(LocalDate.of(2013, 6, 30));
        assertThat(details.getDueDate()).isEqualTo(LocalDate.of(2013, 7, 20));
        assertThat(details.getCurrency()).isEqualTo("NOK");
        // TaxInclusiveAmount 1801.78 + PayableRoundingAmount 0.22 = PayableAmount 802.00 + PrepaidAmount 1000
        assertThat(details.getOriginalAmount()).isEqualByComparingTo("1802.00");
        assertThat(details.getOutstandingAmount()).isEqualByComparingTo("802.00");
        assertThat(details.getVatAmount()).isEqualByComparingTo("365.28");
        assertThat(details.getKid()).as("0003434323213231 fails MOD10 and MOD11").isNull();
        assertThat(invoice.paymentReference()).isEqualTo("0003434323213231");
        assertThat(invoice.typeCode()).isEqualTo("380");
        assertThat(invoice.envelope()).isNull();
        assertThat(invoice.externalReferences()).containsExactly("http://www.suppliersite.eu/sheet001.html");

        EmbeddedAttachment pdf = invoice.attachments().get(0);
        assertThat(invoice.attachments()).hasSize(1);
        assertThat(new String(pdf.content(), StandardCharsets.UTF_8)).isEqualTo("Test base 64 encoding");
        assertThat(pdf.filename()).isEqualTo("Hours-spent.csv");
        assertThat(pdf.description()).isEqualTo("EHF specification");
        assertThat(pdf.documentRef()).isEqualTo("Doc2");
        assertThat(pdf.reference().getUri()).isEqualTo("ehf-attachment:inbound-7/0");
        assertThat(pdf.reference().getMediaType()).isEqualTo("application/pdf");
        assertThat(pdf.reference().getSha256()).isEqualTo(UblMapper.sha256("Test base 64 encoding".getBytes(StandardCharsets.UTF_8)));
        assertThat(claim.getAttachments()).containsExactly(pdf.reference());

        assertThat(accepted.warnings()).extracting(Finding::ruleId).contains(GatewayRules.KID_CHECK_DIGIT);
        assertThat(accepted.warnings()).noneMatch(Finding::isFatal);
        ClaimXml.assertValid(claim);
    }

    @Test
    void withoutADocumentIdAttachmentsAreNamedByTheDocumentsSha256() {
        byte[] document = EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE);

        EhfInvoice invoice = (EhfInvoice) accepted(SharedRules.reader(SchematronMode.OFF).read(document, EhfOrigin.of("demo-erp"))).document();

        assertThat(invoice.attachments().get(0).reference().getUri()).isEqualTo("ehf-attachment:" + UblMapper.sha256(document) + "/0");
    }

    // --- KID

    @ParameterizedTest
    @CsvSource({"1234567897, MOD10", "9387439, MOD11", "12345678903, MOD10"})
    void aKidWithAValidCheckDigitIsTaken(String kid, KidAlgorithm algorithm) {
        assertThat(PaymentReferences.kidAlgorithm(kid)).isEqualTo(algorithm);
        byte[] document = UblEdit.norwegianExample().text("cac:PaymentMeans/cbc:PaymentID", kid).bytes();

        EhfResult.Accepted accepted = accepted(read(document, SchematronMode.OFF));

        assertThat(((EhfInvoice) accepted.document()).claim().getInvoice().getKid()).isEqualTo(kid);
        assertThat(accepted.warnings()).extracting(Finding::ruleId).doesNotContain(GatewayRules.KID_CHECK_DIGIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "0003434323213231", "Snippet1", "12 34"})
    void aKidThatFailsItsCheckDigitIsAWarningNotARejection(String kid) {
        byte[] document = UblEdit.norwegianExample().text("cac:PaymentMeans/cbc:PaymentID", kid).bytes();

        EhfResult.Accepted accepted = accepted(read(document, SchematronMode.OFF));

        EhfInvoice invoice = (EhfInvoice) accepted.document();
        assertThat(invoice.claim().getInvoice().getKid()).isNull();
        assertThat(invoice.paymentReference()).isEqualTo(kid);
        assertThat(accepted.warnings()).filteredOn(f -> f.ruleId().equals(GatewayRules.KID_CHECK_DIGIT)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains(kid).contains("taken without a KID");
                    assertThat(f.location()).isEqualTo("cac:PaymentMeans/cbc:PaymentID");
                });
    }

    // --- due date

    @Test
    void theDueDateMayComeFromPaymentMeansOrPaymentTerms() {
        byte[] legacy = UblEdit.norwegianExample().remove("cbc:DueDate")
                .addAfter("cac:PaymentMeans/cbc:PaymentMeansCode", "PaymentDueDate", "2013-08-01").bytes();
        byte[] terms = UblEdit.norwegianExample().remove("cbc:DueDate")
                .addAfter("cac:PaymentTerms/cbc:Note", "PaymentDueDate", "2013-08-15").bytes();

        assertThat(claim(read(legacy, SchematronMode.OFF)).getInvoice().getDueDate()).isEqualTo(LocalDate.of(2013, 8, 1));
        assertThat(claim(read(terms, SchematronMode.OFF)).getInvoice().getDueDate()).isEqualTo(LocalDate.of(2013, 8, 15));
    }

    @Test
    void anInvoiceWithoutDueDateIsRefusedQuotingItsPaymentTerms() {
        byte[] document = UblEdit.norwegianExample().remove("cbc:DueDate").bytes();

        EhfResult.Rejected rejected = rejected(read(document, SchematronMode.WARN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_DUE_DATE);
        assertThat(rejected.message()).contains("'2 % discount if paid within 2 days. Penalty percentage 10% from due date'");
        assertThat(rejected.findings()).extracting(Finding::ruleId, Finding::location)
                .contains(org.assertj.core.groups.Tuple.tuple(GatewayRules.MISSING_DUE_DATE, "/invoice/dueDate"));
    }

    // --- buyer identifiers

    @Test
    void aLegacyNoOrgnrSchemeGivesTheNorwegianOrganisationNumber() {
        byte[] document = UblEdit.norwegianExample()
                .attribute(BUYER + "cbc:EndpointID", "schemeID", "NO:ORGNR")
                .attribute(BUYER + "cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "NO:ORGNR")
                .remove(BUYER + "cac:PartyTaxScheme").bytes();

        var debtor = claim(read(document, SchematronMode.OFF)).getDebtor();

        assertThat(debtor.getType()).isEqualTo(DebtorType.ORGANISATION);
        assertThat(debtor.getNationalId().getScheme()).isEqualTo(NationalIdScheme.NO_ORGANISATION);
        assertThat(debtor.getNationalId().getValue()).isEqualTo("987654325");
    }

    @Test
    void scheme0007GivesTheSwedishOrganisationNumber() {
        byte[] document = UblEdit.norwegianExample()
                .attribute(BUYER + "cbc:EndpointID", "schemeID", "0007").text(BUYER + "cbc:EndpointID", "5560360793")
                .attribute(BUYER + "cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0007").text(BUYER + "cac:PartyLegalEntity/cbc:CompanyID", "556036-0793")
                .text(BUYER + "cac:PostalAddress/cac:Country/cbc:IdentificationCode", "SE")
                .remove(BUYER + "cac:PartyTaxScheme").bytes();

        var debtor = claim(read(document, SchematronMode.OFF)).getDebtor();

        assertThat(debtor.getNationalId().getScheme()).isEqualTo(NationalIdScheme.SE_ORGANISATION);
        assertThat(debtor.getNationalId().getValue()).isEqualTo("5560360793");
        assertThat(debtor.getCountry()).isEqualTo("SE");
    }

    @Test
    void aGlnOnlyBuyerIsAnOrganisationWithoutNationalId() {
        byte[] document = UblEdit.norwegianExample()
                .attribute(BUYER + "cbc:EndpointID", "schemeID", "0088").text(BUYER + "cbc:EndpointID", "3456789012098")
                .remove(BUYER + "cac:PartyLegalEntity/cbc:CompanyID")
                .remove(BUYER + "cac:PartyTaxScheme").bytes();

        var debtor = claim(read(document, SchematronMode.OFF)).getDebtor();

        assertThat(debtor.getType()).isEqualTo(DebtorType.ORGANISATION);
        assertThat(debtor.getNationalId()).isNull();
    }

    @Test
    void aBuyerWithoutOrganisationIdIsAPerson() {
        byte[] document = UblEdit.norwegianExample()
                .attribute(BUYER + "cbc:EndpointID", "schemeID", "EM").text(BUYER + "cbc:EndpointID", "kari@example.no")
                .remove(BUYER + "cac:PartyIdentification")
                .remove(BUYER + "cac:PartyLegalEntity/cbc:CompanyID")
                .remove(BUYER + "cac:PartyTaxScheme").bytes();

        var debtor = claim(read(document, SchematronMode.OFF)).getDebtor();

        assertThat(debtor.getType()).isEqualTo(DebtorType.PERSON);
        assertThat(debtor.getNationalId()).isNull();
        assertThat(debtor.getName()).isEqualTo("Buyercompany ASA");
    }

    @Test
    void aBuyerAddressWithoutStreetHasNoClaimAddressAndABadEmailIsDropped() {
        byte[] document = UblEdit.norwegianExample()
                .remove(BUYER + "cac:PostalAddress/cbc:StreetName")
                .remove(BUYER + "cac:PostalAddress/cbc:AdditionalStreetName")
                .text(BUYER + "cac:Contact/cbc:ElectronicMail", "not an address").bytes();

        EhfResult.Accepted accepted = accepted(read(document, SchematronMode.OFF));
        Claim claim = ((EhfInvoice) accepted.document()).claim();

        assertThat(claim.getDebtor().getAddress()).isNull();
        assertThat(claim.getDebtor().getEmail()).isNull();
        assertThat(accepted.warnings()).extracting(Finding::ruleId).contains(GatewayRules.CONTACT_DROPPED);
        ClaimXml.assertValid(claim);
    }

    @Test
    void aSwedishBankgiroIsTheCreditorsAccountAndAnUnusableAccountIsAWarning() {
        byte[] bankgiro = UblEdit.norwegianExample()
                .text("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "5050-1055")
                .text("cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", "SE:BANKGIRO").bytes();
        byte[] broken = UblEdit.norwegianExample().text("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "NO9386011117948").bytes();

        var account = claim(read(bankgiro, SchematronMode.OFF)).getCreditor().getAccount();
        EhfResult.Accepted withBroken = accepted(read(broken, SchematronMode.OFF));

        assertThat(account.getType()).isEqualTo(AccountType.SE_BANKGIRO);
        assertThat(account.getNumber()).isEqualTo("5050-1055");
        assertThat(((EhfInvoice) withBroken.document()).claim().getCreditor().getAccount()).isNull();
        assertThat(withBroken.warnings()).extracting(Finding::ruleId).contains(GatewayRules.ACCOUNT_UNUSABLE);
    }

    // --- what a claim cannot take

    @Test
    void everyValueTheClaimCannotTakeIsNamedAtOnce() {
        byte[] document = UblEdit.norwegianExample()
                .text("cbc:ID", "X".repeat(70))
                .text(SELLER + "cac:PartyLegalEntity/cbc:RegistrationName", "S".repeat(250)).bytes();

        EhfResult.Rejected rejected = rejected(read(document, SchematronMode.OFF));

        assertThat(rejected.reason()).isEqualTo(RejectReason.UNMAPPABLE);
        assertThat(rejected.findings()).extracting(Finding::location).containsExactlyInAnyOrder("/creditor/name", "/invoice/number");
        assertThat(rejected.findings()).allSatisfy(f -> assertThat(f.ruleId()).isEqualTo(GatewayRules.UNMAPPABLE));
        assertThat(rejected.message()).contains("/creditor/name").contains("/invoice/number");
    }

    // --- recognition

    @ParameterizedTest
    @ValueSource(strings = {
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0#conformant#urn:fdc:anskaffelser.no:2019:ehf:reminder:3.0",
            "urn:fdc:anskaffelser.no:2019:ehf:reminder:3.0"})
    void anEhfReminderIsNotAnInvoice(String customization) {
        byte[] reminder = UblEdit.norwegianExample()
                .text("cbc:CustomizationID", customization)
                .text("cbc:ProfileID", "urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:06:1.0").bytes();

        EhfResult.Rejected rejected = rejected(read(reminder, SchematronMode.ENFORCE));

        assertThat(rejected.reason()).isEqualTo(RejectReason.EHF_REMINDER);
        assertThat(rejected.message()).contains(customization).contains("not an invoice");
    }

    @Test
    void ehf20IsRefusedNamingTheCustomizationFound() {
        byte[] ehf2 = EhfCorpus.bytes("peppol/anskaffelser__ehf-postaward-g3/docs/billing-3.0/norway/files/ehf-2-faktura-1.xml");

        EhfResult.Rejected rejected = rejected(read(ehf2, SchematronMode.ENFORCE));

        assertThat(rejected.reason()).isEqualTo(RejectReason.UNSUPPORTED_CUSTOMIZATION);
        assertThat(rejected.message()).isEqualTo("unsupported CustomizationID 'urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:"
                + "urn:www.peppol.eu:bis:peppol5a:ver2.0:extended:urn:www.difi.no:ehf:faktura:ver2.0' is EHF 2.0, withdrawn in 2019 and "
                + "replaced by EHF Billing 3.0; only PEPPOL BIS Billing 3.0 (EHF Billing 3.0, " + DocumentRecognizer.BIS3_BILLING + ") is accepted");
    }

    // --- credit notes

    @Test
    void aCreditNoteNamesTheInvoicesItCreditsAndBooksAsACreditNotePayment() {
        byte[] document = EhfCorpus.bytes("peppol/OpenPEPPOL__peppol-bis-invoice-3/rules/snippets/Snippet-cn.xml");

        EhfCreditNote credit = (EhfCreditNote) accepted(read(document, SchematronMode.ENFORCE)).document();

        assertThat(credit.number()).isEqualTo("Snippet1");
        assertThat(credit.typeCode()).isEqualTo("381");
        assertThat(credit.creditedInvoiceNumbers()).containsExactly("123", "124");
        assertThat(credit.amount()).isEqualByComparingTo("5000");
        var payment = credit.asPayment();
        assertThat(payment.getKind()).isEqualTo(PaymentKind.CREDIT_NOTE);
        assertThat(payment.getDate()).isEqualTo(credit.issueDate());
        assertThat(payment.getAmount()).isEqualByComparingTo("5000");
    }

    // --- SBDH

    @Test
    void anSbdhGivesItsHeaderAndItsPayloadIsTheInvoice() {
        byte[] document = EhfCorpus.bytes("peppol/phax__phase4/phase4-peppol-client/src/test/resources/external/examples/base-sbdh.xml");

        EhfResult.Accepted accepted = accepted(read(document, SchematronMode.ENFORCE));

        SbdhEnvelope envelope = accepted.document().envelope();
        assertThat(envelope.sender()).isEqualTo("9915:phase4-test-sender");
        assertThat(envelope.senderAuthority()).isEqualTo("iso6523-actorid-upis");
        assertThat(envelope.receiver()).isEqualTo("9915:helger");
        assertThat(envelope.instanceIdentifier()).isEqualTo("123456789");
        assertThat(envelope.standard()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
        assertThat(envelope.type()).isEqualTo("Invoice");
        assertThat(envelope.typeVersion()).isEqualTo("2.1");
        assertThat(envelope.creationDateAndTime()).isEqualTo("2023-10-25T15:42:10Z");
        assertThat(envelope.documentTypeId()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##"
                + DocumentRecognizer.BIS3_BILLING + "::2.1");
        assertThat(envelope.processId()).isEqualTo("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        assertThat(envelope.countryC1()).isEqualTo("GB");
        assertThat(accepted.document().number()).isEqualTo("test-invoice-phase4");
        assertThat(accepted.warnings()).extracting(Finding::ruleId).doesNotContain(GatewayRules.ENVELOPE_MISMATCH);
    }

    @Test
    void aPayloadUsingPrefixesDeclaredOnTheEnvelopeIsReadTheSame() {
        String bare = new String(EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE), StandardCharsets.UTF_8);
        String body = bare.substring(bare.indexOf("<Invoice"))
                .replaceFirst("(?s)<Invoice[^>]*>", "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">");
        String wrapped = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sh:StandardBusinessDocument xmlns:sh=\"" + SbdhEnvelope.NAMESPACE + "\""
                + " xmlns:cac=\"" + UblEdit.CAC + "\" xmlns:cbc=\"" + UblEdit.CBC + "\">"
                + "<sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion>"
                + "<sh:Sender><sh:Identifier Authority=\"iso6523-actorid-upis\">0192:123456785</sh:Identifier></sh:Sender>"
                + "<sh:Receiver><sh:Identifier Authority=\"iso6523-actorid-upis\">0192:987654325</sh:Identifier></sh:Receiver>"
                + "<sh:BusinessScope><sh:Scope><sh:Type>DOCUMENTID</sh:Type><sh:InstanceIdentifier>"
                + "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##" + DocumentRecognizer.BIS3_BILLING + "::2.1"
                + "</sh:InstanceIdentifier></sh:Scope></sh:BusinessScope></sh:StandardBusinessDocumentHeader>\n"
                + body + "</sh:StandardBusinessDocument>";

        EhfResult.Accepted enveloped = accepted(read(wrapped.getBytes(StandardCharsets.UTF_8), SchematronMode.ENFORCE));
        EhfResult.Accepted direct = accepted(read(EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE), SchematronMode.ENFORCE));

        Claim fromEnvelope = ((EhfInvoice) enveloped.document()).claim();
        Claim fromBare = ((EhfInvoice) direct.document()).claim();
        assertThat(fromEnvelope).usingRecursiveComparison().isEqualTo(fromBare);
        assertThat(enveloped.document().envelope().sender()).isEqualTo("0192:123456785");
        assertThat(enveloped.warnings()).filteredOn(f -> f.ruleId().equals(GatewayRules.ENVELOPE_MISMATCH))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("CreditNote-2::CreditNote"));
    }

    // --- schematron per creditor

    @Test
    void aFatalRuleRejectsUnderEnforceAndTravelsAsAWarningUnderWarn() {
        byte[] badVat = UblEdit.norwegianExample().text(SELLER + "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID", "NO123456785").bytes();

        EhfResult.Rejected enforced = rejected(read(badVat, SchematronMode.ENFORCE));
        EhfResult.Accepted warned = accepted(read(badVat, SchematronMode.WARN));
        EhfResult.Accepted off = accepted(read(badVat, SchematronMode.OFF));

        assertThat(enforced.reason()).isEqualTo(RejectReason.SCHEMATRON_FATAL);
        assertThat(enforced.message()).contains("NO-R-001").contains(SharedRules.RULES.invoiceRules());
        assertThat(enforced.findings()).filteredOn(f -> f.ruleId().equals("NO-R-001")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FATAL);
            assertThat(f.message()).contains("MVA");
            assertThat(f.location()).startsWith("/ubl:Invoice[1]");
        });
        assertThat(warned.warnings()).extracting(Finding::ruleId).contains("NO-R-001");
        assertThat(off.warnings()).extracting(Finding::ruleId).doesNotContain("NO-R-001");
    }

    @Test
    void theModeIsChosenByTheCreditorTheSellerIdentifies() {
        byte[] badVat = UblEdit.norwegianExample().text(SELLER + "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID", "NO123456785").bytes();
        SchematronPolicy policy = SchematronPolicy.perCreditor(Map.of("123456785", SchematronMode.WARN), SchematronMode.ENFORCE);
        EhfReader lenientForThisCreditor = new EhfReader(EhfSettings.defaults().withSchematron(policy), SharedRules.RULES);
        EhfReader strictForOthers = new EhfReader(EhfSettings.defaults().withSchematron(
                SchematronPolicy.perCreditor(Map.of("974760673", SchematronMode.WARN), SchematronMode.ENFORCE)), SharedRules.RULES);

        assertThat(lenientForThisCreditor.read(badVat, ORIGIN)).isInstanceOf(EhfResult.Accepted.class);
        assertThat(strictForOthers.read(badVat, ORIGIN)).isInstanceOf(EhfResult.Rejected.class);
    }

    @Test
    void oneReaderServesManyThreadsWithTheSameResults() throws Exception {
        List<byte[]> documents = EhfCorpus.files().filter(f -> EhfCorpusTest.expectedRejection(f).isEmpty())
                .map(EhfCorpus::bytes).toList();
        EhfReader reader = SharedRules.reader(SchematronMode.WARN);
        List<String> sequential = documents.stream().map(d -> summary(reader.read(d, ORIGIN))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> documents.stream().map(d -> summary(reader.read(d, ORIGIN))).toList()));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String summary(EhfResult result) {
        EhfResult.Accepted accepted = (EhfResult.Accepted) result;
        String document = accepted.document() instanceof EhfInvoice invoice
                ? invoice.claim().getInvoice().getNumber() + " " + invoice.claim().getInvoice().getOutstandingAmount() + " " + invoice.claim().getDebtor().getName()
                : accepted.document().number();
        return document + " " + accepted.warnings();
    }
}
