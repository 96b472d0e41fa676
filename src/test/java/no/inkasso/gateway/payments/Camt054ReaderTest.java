package no.inkasso.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The camt.054 reader on public notifications (versions 02, 04, 08), our example, and bad files. */
class Camt054ReaderTest {

    private static PaymentFile read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return Camt054Reader.read(in);
        }
    }

    private static PaymentFile read(String xml) throws Exception {
        return Camt054Reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"camt054.v2.xml", "camt054.v2.with-account-name.xml", "camt054.v4.xml", "camt054.v8.xml",
            "camt054.v8-with-UETR.xml", "camt054.v8-with-financial-institution.xml"})
    void publicNotificationsOfDebitsGiveNoPaymentsIn(String name) throws Exception {
        PaymentFile read = read(Path.of("src/test/resources/payments/corpus/camt").resolve(name));

        assertThat(read.format()).isEqualTo(PaymentFileFormat.CAMT_054);
        assertThat(read.payments()).isEmpty();
        assertThat(read.skipped()).isEqualTo(1);
    }

    @Test
    void theExampleGivesEachCreditTransactionWithItsKid() throws Exception {
        PaymentFile read = read(Path.of("examples/payments/camt054-demo.xml"));

        assertThat(read.skipped()).as("the debit entry").isEqualTo(1);
        assertThat(read.payments()).hasSize(2);
        IncomingPayment kari = read.payments().get(0);
        assertThat(kari.reference()).isEqualTo("1002003000");
        assertThat(kari.amount()).isEqualByComparingTo("1500.00");
        assertThat(kari.currency()).isEqualTo("NOK");
        assertThat(kari.paidOn()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(kari.payerName()).isEqualTo("Kari Nordmann");
        assertThat(kari.bankReference()).isEqualTo("CAMT:DEMO-20261120-0001-1");
        assertThat(kari.usable()).isTrue();
        IncomingPayment ola = read.payments().get(1);
        assertThat(ola.reference()).as("free text that is not a KID").isNull();
        assertThat(ola.problem()).isEqualTo("no payment reference (KID) in the remittance information");
    }

    @Test
    void anEntryWithoutTransactionDetailsIsOnePaymentAndAnAllDigitUstrdIsAKid() throws Exception {
        PaymentFile read = read("""
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>N1</Id>
                <Ntry><Amt Ccy="NOK">10.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><DtTm>2026-11-02T10:00:00+01:00</DtTm></BookgDt></Ntry>
                <Ntry><Amt Ccy="NOK">20</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt></Ntry>
                <Ntry><Amt Ccy="NOK">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><ValDt><Dt>2026-11-03</Dt></ValDt>
                  <NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy="NOK">30.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>1002 003 000</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
                </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>""");

        assertThat(read.skipped()).as("the pending entry").isEqualTo(1);
        assertThat(read.payments()).hasSize(2);
        assertThat(read.payments().get(0).bankReference()).isEqualTo("CAMT:N1#1");
        assertThat(read.payments().get(0).paidOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(read.payments().get(0).problem()).isEqualTo("no payment reference (KID) in the remittance information");
        assertThat(read.payments().get(1).reference()).isEqualTo("1002003000");
        assertThat(read.payments().get(1).amount()).isEqualByComparingTo("30.00");
    }

    @Test
    void aStatementOrAnotherDocumentIsRejected() {
        assertThatThrownBy(() -> read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>"))
                .isInstanceOf(UnreadablePaymentFileException.class)
                .hasMessageContaining("camt.053 account statements are not taken, send camt.054");
        assertThatThrownBy(() -> read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"))
                .isInstanceOf(UnreadablePaymentFileException.class).hasMessageContaining("not a camt.054 Document");
    }

    @Test
    void brokenXmlAndEntitiesAreRejected() {
        assertThatThrownBy(() -> read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><Ntry>"))
                .isInstanceOf(UnreadablePaymentFileException.class)
                .extracting(e -> ((UnreadablePaymentFileException) e).reason()).isEqualTo("NOT_XML");
        assertThatThrownBy(() -> read("""
                <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn><Ntry>
                <Amt Ccy="NOK">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><NtryDtls><TxDtls><RmtInf><Ustrd>&x;</Ustrd></RmtInf></TxDtls></NtryDtls>
                </Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"""))
                .isInstanceOf(UnreadablePaymentFileException.class)
                .extracting(e -> ((UnreadablePaymentFileException) e).reason()).isEqualTo("NOT_XML");
    }
}
