package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input at the front door: each is refused with its own reason, and nothing the document
 * points at is ever fetched. A local "tripwire" socket counts every connection attempt; a secret
 * file stands in for what an XXE would read.
 */
class EhfFrontDoorTest {

    private static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static final EhfReader READER = SharedRules.reader(SchematronMode.OFF);
    private static final EhfOrigin ORIGIN = EhfOrigin.of("front-door-test");

    @TempDir
    Path temp;
    private ServerSocket tripwire;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;
    private Path secret;

    @BeforeEach
    void setUp() throws IOException {
        tripwire = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!tripwire.isClosed()) {
                try (Socket ignored = tripwire.accept()) {
                    connections.incrementAndGet();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        secret = temp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
    }

    @AfterEach
    void tearDown() throws Exception {
        tripwire.close();
        acceptor.join(1000);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + tripwire.getLocalPort() + "/" + path;
    }

    private static EhfResult.Rejected rejected(EhfResult result) {
        assertThat(result).isInstanceOf(EhfResult.Rejected.class);
        return (EhfResult.Rejected) result;
    }

    private static EhfResult read(String xml) {
        return READER.read(xml.getBytes(StandardCharsets.UTF_8), ORIGIN);
    }

    private void assertNothingFetchedNorLeaked(EhfResult result) throws InterruptedException {
        Thread.sleep(50); // a connection attempt made during the read would have been accepted by now
        assertThat(connections.get()).as("connections to the tripwire").isZero();
        assertThat(result.toString()).doesNotContain("TOP-SECRET-42");
    }

    // --- not XML

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{\"invoice\": 1}", "<Invoice", "<a>&undeclared;</a>", "<a></b>", "  ", "<a/><b/>"})
    void textThatIsNotXmlIsRefusedAsNotXml(String text) {
        EhfResult.Rejected rejected = rejected(read(text));

        assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_XML);
        assertThat(rejected.message()).startsWith("the document");
    }

    @Test
    void anEmptyDocumentAndBinaryBytesAreNotXml() {
        assertThat(rejected(READER.read(new byte[0], ORIGIN)).message()).isEqualTo("the document is empty");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        assertThat(rejected(READER.read(binary, ORIGIN)).reason()).isEqualTo(RejectReason.NOT_XML);
        byte[] badUtf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>\u00e6</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rejected(READER.read(badUtf8, ORIGIN)).reason()).isEqualTo(RejectReason.NOT_XML);
    }

    @Test
    void anInvoiceCutOffAfterItsHeadIsNotXmlWithTheLineWhereItBreaks() {
        byte[] whole = EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        EhfResult.Rejected rejected = rejected(READER.read(half, ORIGIN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_XML);
        assertThat(rejected.findings()).singleElement().satisfies(f -> assertThat(f.location()).matches("line \\d+, column \\d+"));
    }

    // --- DTDs and entities

    @Test
    void anyDoctypeIsRefused() {
        EhfResult.Rejected rejected = rejected(read("<?xml version=\"1.0\"?><!DOCTYPE Invoice><Invoice xmlns=\"" + INVOICE_NS + "\"/>"));

        assertThat(rejected.reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertThat(rejected.message()).contains("DOCTYPE");
    }

    @Test
    void anExternalEntityReadingALocalFileIsRefusedUnread() throws Exception {
        EhfResult result = read("<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Invoice xmlns=\"" + INVOICE_NS + "\">&xxe;</Invoice>");

        assertThat(rejected(result).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertNothingFetchedNorLeaked(result);
    }

    @Test
    void anExternalEntityOverHttpIsNeverFetched() throws Exception {
        EhfResult result = read("<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"" + url("xxe") + "\">]><Invoice xmlns=\"" + INVOICE_NS + "\">&xxe;</Invoice>");

        assertThat(rejected(result).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertNothingFetchedNorLeaked(result);
    }

    @Test
    void anExternalDtdAndAParameterEntityAreNeverFetched() throws Exception {
        EhfResult external = read("<!DOCTYPE Invoice SYSTEM \"" + url("invoice.dtd") + "\"><Invoice xmlns=\"" + INVOICE_NS + "\"/>");
        EhfResult parameter = read("<!DOCTYPE Invoice [<!ENTITY % p SYSTEM \"" + url("p.dtd") + "\"> %p;]><Invoice xmlns=\"" + INVOICE_NS + "\"/>");

        assertThat(rejected(external).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertThat(rejected(parameter).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertNothingFetchedNorLeaked(external);
        assertNothingFetchedNorLeaked(parameter);
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            xml.append("\">");
        }
        xml.append("]><Invoice xmlns=\"").append(INVOICE_NS).append("\">&lol9;</Invoice>");
        long start = System.nanoTime();

        EhfResult.Rejected rejected = rejected(read(xml.toString()));

        assertThat(rejected.reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDoctypeBeforeAnSbdhIsRefusedToo() throws Exception {
        EhfResult result = read("<!DOCTYPE StandardBusinessDocument [<!ENTITY xxe SYSTEM \"" + url("sbdh") + "\">]>"
                + "<StandardBusinessDocument xmlns=\"" + SbdhEnvelope.NAMESPACE + "\">&xxe;</StandardBusinessDocument>");

        assertThat(rejected(result).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertNothingFetchedNorLeaked(result);
    }

    @Test
    void schemaLocationHintsAndXIncludeInAValidInvoiceAreIgnored() throws Exception {
        String invoice = new String(EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE), StandardCharsets.UTF_8)
                .replaceFirst("<Invoice ", "<Invoice xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                        + INVOICE_NS + " " + url("invoice.xsd") + "\" ")
                .replaceFirst("<cbc:CustomizationID>", "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\">"
                        + "<ext:UBLExtension><ext:ExtensionContent><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + url("xinclude")
                        + "\"/></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions><cbc:CustomizationID>");

        EhfResult result = read(invoice);

        assertThat(result).isInstanceOf(EhfResult.Accepted.class);
        assertNothingFetchedNorLeaked(result);
    }

    // --- size

    @Test
    void aDocumentOverTheLimitIsRefusedUnread() {
        EhfReader small = new EhfReader(EhfSettings.defaults().withMaxDocumentBytes(4096).withSchematron(SchematronPolicy.always(SchematronMode.OFF)), null);
        byte[] invoice = EhfCorpus.bytes(UblEdit.NORWEGIAN_EXAMPLE);

        EhfResult.Rejected rejected = rejected(small.read(invoice, ORIGIN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejected.message()).isEqualTo("the document is " + invoice.length + " bytes; the most accepted is 4096");
    }

    @Test
    void aStreamIsReadNoFurtherThanTheLimit() throws IOException {
        EhfReader small = new EhfReader(EhfSettings.defaults().withMaxDocumentBytes(4096).withSchematron(SchematronPolicy.always(SchematronMode.OFF)), null);
        AtomicInteger served = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }
        };

        EhfResult.Rejected rejected = rejected(small.read(endless, ORIGIN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejected.message()).isEqualTo("the document is larger than 4096 bytes, the most accepted");
        assertThat(served.get()).isEqualTo(4097);
    }

    @Test
    void nestingDeeperThanAnyInvoiceIsRefused() {
        StringBuilder xml = new StringBuilder("<Invoice xmlns=\"" + INVOICE_NS + "\" xmlns:cbc=\"" + UblEdit.CBC + "\"><cbc:CustomizationID>"
                + DocumentRecognizer.BIS3_BILLING + "</cbc:CustomizationID>");
        xml.append("<a>".repeat(5000)).append("</a>".repeat(5000)).append("</Invoice>");

        EhfResult.Rejected rejected = rejected(read(xml.toString()));

        assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_XML);
        assertThat(rejected.message()).contains("exceeds the limit \"" + SecureXml.MAX_ELEMENT_DEPTH + "\"");
    }

    // --- roots and namespaces

    @Test
    void anInvoiceInAnotherNamespaceOrNoneIsTheWrongNamespace() {
        assertThat(rejected(read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-3\"/>")).reason())
                .isEqualTo(RejectReason.WRONG_NAMESPACE);
        EhfResult.Rejected none = rejected(read("<Invoice><ID>1</ID></Invoice>"));
        assertThat(none.reason()).isEqualTo(RejectReason.WRONG_NAMESPACE);
        assertThat(none.message()).isEqualTo("the root element Invoice (no namespace) is not in the UBL 2.1 Invoice namespace " + INVOICE_NS);
        assertThat(rejected(read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"/>")).reason())
                .isEqualTo(RejectReason.WRONG_NAMESPACE);
        assertThat(rejected(read("<CreditNote xmlns=\"" + INVOICE_NS + "\"/>")).reason()).isEqualTo(RejectReason.WRONG_NAMESPACE);
    }

    @Test
    void otherDocumentsAreUnsupported() {
        EhfResult.Rejected order = rejected(read("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>"));
        assertThat(order.reason()).isEqualTo(RejectReason.UNSUPPORTED_DOCUMENT);
        assertThat(order.message()).contains("{urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order");
        EhfResult.Rejected emptySbd = rejected(read("<StandardBusinessDocument xmlns=\"" + SbdhEnvelope.NAMESPACE
                + "\"><StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader></StandardBusinessDocument>"));
        assertThat(emptySbd.reason()).isEqualTo(RejectReason.UNSUPPORTED_DOCUMENT);
        assertThat(emptySbd.message()).contains("no business document");
    }

    @Test
    void anInvoiceWithoutCustomizationIdIsAnUnsupportedCustomization() {
        byte[] invoice = UblEdit.norwegianExample().remove("cbc:CustomizationID").bytes();

        EhfResult.Rejected rejected = rejected(READER.read(invoice, ORIGIN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.UNSUPPORTED_CUSTOMIZATION);
        assertThat(rejected.message()).contains("has no CustomizationID");
    }

    // --- XSD

    @Test
    void schemaErrorsAreAllReportedWithRuleAndLine() {
        byte[] invoice = UblEdit.norwegianExample()
                .addAfter("cbc:IssueDate", "Colour", "blue")
                .remove("cbc:DocumentCurrencyCode")
                .bytes();

        EhfResult.Rejected rejected = rejected(READER.read(invoice, ORIGIN));

        assertThat(rejected.reason()).isEqualTo(RejectReason.SCHEMA_INVALID);
        assertThat(rejected.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.ruleId()).startsWith("cvc-");
            assertThat(f.location()).matches("line \\d+, column \\d+");
        });
        assertThat(rejected.findings().get(0).message()).contains("Colour");
        assertThat(rejected.message()).startsWith(rejected.findings().size() + " UBL 2.1 schema error");
    }
}
