package no.inkasso.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OCR giro reader on public test files (src/test/resources/payments/corpus) and on broken ones. */
class OcrGiroReaderTest {

    private static final Path CORPUS = Path.of("src/test/resources/payments/corpus/netsgiro");
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    private static PaymentFile read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return OcrGiroReader.read(in);
        }
    }

    private static PaymentFile read(List<String> lines) throws Exception {
        return OcrGiroReader.read(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Path testdata(String file) {
        return CORPUS.resolve(file);
    }

    @ParameterizedTest
    @CsvSource({
            // 15,630.00 in the end records: three of these are reversals (sign '-'), counted against the rest
            "ocr1.txt, 23, 19930.00",
            "ocr_giro_transactions.txt, 20, 51449.00",
            "ocr3.txt, 1, 440.00"})
    void readsPublicOcrGiroFilesWithTheirControlTotals(String file, int transactions, String total) throws Exception {
        PaymentFile read = read(testdata(file));

        assertThat(read.format()).isEqualTo(PaymentFileFormat.OCR_GIRO);
        assertThat(read.payments()).hasSize(transactions);
        assertThat(read.payments().stream().map(IncomingPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total);
        assertThat(read.payments()).allSatisfy(p -> assertThat(p.currency()).isEqualTo("NOK"));
        assertThat(read.payments().stream().map(IncomingPayment::bankReference).distinct()).hasSize(transactions);
    }

    @Test
    void takesTheKidDateAndArchiveReferenceOfATransaction() throws Exception {
        IncomingPayment first = read(testdata("ocr1.txt")).payments().get(0);

        assertThat(first.position()).isEqualTo(1);
        assertThat(first.reference()).isEqualTo("33000083672049");
        assertThat(first.amount()).isEqualByComparingTo("440.00");
        assertThat(first.paidOn()).isEqualTo(LocalDate.of(2004, 3, 24));
        assertThat(first.bankReference()).isEqualTo("OCR:001767676:0000001:0000001:094561154");
        assertThat(first.usable()).isTrue();
    }

    @Test
    void aPaymentWithAMessageInsteadOfAKidIsKeptWithWhy() throws Exception {
        IncomingPayment withText = read(testdata("ocr3.txt")).payments().get(0);

        assertThat(withText.reference()).isNull();
        assertThat(withText.problem()).startsWith("no KID: paid with a message instead (\"ABCDEFGHIJ");
    }

    @Test
    void reversalsInAPublicFileAreKeptButNeverUsable() throws Exception {
        PaymentFile read = read(testdata("ocr1.txt"));

        assertThat(read.payments().stream().filter(p -> !p.usable()).map(IncomingPayment::amount))
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("400.00"), new BigDecimal("1500.00"));
    }

    @Test
    void aReversalIsNeverUsableAutomatically() throws Exception {
        PaymentFile read = read(OcrGiroFiles.records("0000009", new OcrGiroFiles.Tx("18", "1002003000", 10000)));

        assertThat(read.payments().get(0).problem()).contains("reversal");
    }

    @Test
    void controlTotalsThatDoNotMatchRejectTheWholeFile() {
        List<String> lines = new ArrayList<>(OcrGiroFiles.records("0000009", new OcrGiroFiles.Tx("10", "1002003000", 10000),
                new OcrGiroFiles.Tx("10", "1002003000", 5000)));
        // the second transaction's amount changed after the end records were written
        lines.set(4, lines.get(4).substring(0, 32) + String.format("%017d", 5100) + lines.get(4).substring(49));

        assertThatThrownBy(() -> read(lines)).isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessage("line 7: total amount (øre) of assignment 0000009: the end record says 15000, the file holds 15100; "
                        + "nothing was taken from it")
                .extracting(e -> ((UnreadablePaymentFileException) e).reason()).isEqualTo("CONTROL_TOTALS");
    }

    @Test
    void aTruncatedFileIsRejected() {
        List<String> lines = new ArrayList<>(OcrGiroFiles.records("0000009", new OcrGiroFiles.Tx("10", "1002003000", 10000)));
        lines.remove(lines.size() - 1);

        assertThatThrownBy(() -> read(lines)).isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessageContaining("without an end-of-transmission record")
                .extracting(e -> ((UnreadablePaymentFileException) e).reason()).isEqualTo("TRUNCATED");
    }

    @Test
    void aShortRecordIsRejectedWithItsLine() {
        List<String> lines = new ArrayList<>(OcrGiroFiles.records("0000009", new OcrGiroFiles.Tx("10", "1002003000", 10000)));
        lines.set(2, lines.get(2).substring(0, 79));

        assertThatThrownBy(() -> read(lines)).isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessage("line 3: records are 80 characters, this one is 79");
    }

    @Test
    void anAvtaleGiroFileIsNotAPaymentFile() throws Exception {
        assertThatThrownBy(() -> read(testdata("avtalegiro_payment_request.txt")))
                .isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessageContaining("service code 21 is not OCR giro (09); this is an AvtaleGiro file");
    }

    @Test
    void anEmptyFileAndAnotherFormatAreRejected() {
        assertThatThrownBy(() -> read(List.of())).isInstanceOf(UnreadablePaymentFileException.class).hasMessage("the file has no records");
        assertThatThrownBy(() -> read(List.of("Fakturanr;Beløp"))).isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessageContaining("line 1: records are 80 characters");
    }

    @Test
    void theExampleFileReads() throws Exception {
        PaymentFile example = read(PROJECT.resolve("examples/payments/ocr-giro-demo.txt"));

        assertThat(example.payments()).extracting(IncomingPayment::reference).containsExactly("1002003000", "1002003000", "99887766554");
    }
}
