package no.inkasso.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.feed.receipt.CaseFeedReceipt;
import no.inkasso.gateway.feed.receipt.Outcome;
import no.inkasso.gateway.feed.receipt.ReceiptResult;
import org.junit.jupiter.api.Test;

/** The SFTP batch file (caseFeedBatch 1.1) and the agencies' receipt (case-feed-receipt-v1): written, read back, refused when wrong. */
class CaseFeedReceiptsTest {

    private static final String CASE_ID = CaseFeedFixture.CASE_ID;

    static String receipt(String results) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <caseFeedReceipt xmlns="urn:inkasso-gateway:feed-receipt:1">
                  <schema>case-feed-receipt/v1</schema>
                  <agencyId>demo-agency-no</agencyId>
                  <batchId>demo-agency-no-000007</batchId>
                  <processedAt>2026-03-10T23:00:00+01:00</processedAt>
                %s</caseFeedReceipt>
                """.formatted(results);
    }

    @Test
    void aReceiptWithAnAcceptedAndARefusedCaseIsRead() {
        String xml = receipt("""
                  <results><caseId>%s</caseId><sequence>1</sequence><outcome>ACCEPTED</outcome><agencyCaseNumber>DA-000042</agencyCaseNumber></results>
                  <results><caseId>01970000-0000-7000-8000-000000000002</caseId><sequence>1</sequence><outcome>REFUSED</outcome><reason>debtor deceased</reason></results>
                """.formatted(CASE_ID));

        CaseFeedReceipt receipt = CaseFeedReceipts.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.getBatchId()).isEqualTo("demo-agency-no-000007");
        assertThat(receipt.getProcessedAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T22:00:00Z").withOffsetSameInstant(
                java.time.ZoneOffset.ofHours(1)));
        assertThat(receipt.getResults()).extracting(ReceiptResult::getOutcome).containsExactly(Outcome.ACCEPTED, Outcome.REFUSED);
        assertThat(receipt.getResults().get(0).getAgencyCaseNumber()).isEqualTo("DA-000042");
        assertThat(receipt.getResults().get(1).getReason()).isEqualTo("debtor deceased");
    }

    @Test
    void aWrittenReceiptReadsBackTheSame() {
        CaseFeedReceipt receipt = new CaseFeedReceipt();
        receipt.setSchema("case-feed-receipt/v1");
        receipt.setAgencyId("demo-agency-no");
        receipt.setBatchId("demo-agency-no-000001");
        receipt.setProcessedAt(OffsetDateTime.parse("2026-03-10T22:00:00Z"));
        ReceiptResult result = new ReceiptResult();
        result.setCaseId(CASE_ID);
        result.setSequence(2);
        result.setOutcome(Outcome.REFUSED);
        result.setReason("not registered");
        receipt.getResults().add(result);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CaseFeedReceipts.write(receipt, out);
        CaseFeedReceipt back = CaseFeedReceipts.read(out.toByteArray());

        assertThat(back.getResults()).singleElement().satisfies(r -> {
            assertThat(r.getCaseId()).isEqualTo(CASE_ID);
            assertThat(r.getSequence()).isEqualTo(2);
            assertThat(r.getReason()).isEqualTo("not registered");
        });
    }

    @Test
    void badReceiptsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CaseFeedReceipts.read("not xml at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CaseFeedReceipts.InvalidReceiptException.class).hasMessageContaining("not");
        assertThatThrownBy(() -> CaseFeedReceipts.read(receipt("").getBytes(StandardCharsets.UTF_8)))
                .as("no results").isInstanceOf(CaseFeedReceipts.InvalidReceiptException.class)
                .hasMessageContaining("not a case-feed-receipt/v1 document");
        assertThatThrownBy(() -> CaseFeedReceipts.read(receipt("""
                  <results><caseId>%s</caseId><sequence>1</sequence><outcome>MAYBE</outcome></results>
                """.formatted(CASE_ID)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CaseFeedReceipts.InvalidReceiptException.class).hasMessageContaining("MAYBE");
        assertThatThrownBy(() -> CaseFeedReceipts.read("""
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <caseFeedReceipt xmlns="urn:inkasso-gateway:feed-receipt:1"><schema>&x;</schema></caseFeedReceipt>
                """.getBytes(StandardCharsets.UTF_8))).as("never resolves an entity")
                .isInstanceOf(CaseFeedReceipts.InvalidReceiptException.class).message().doesNotContain("root:");
        assertThatThrownBy(() -> CaseFeedReceipts.read(receipt("").replace("feed-receipt:1", "feed:1").getBytes(StandardCharsets.UTF_8)))
                .as("another document").isInstanceOf(CaseFeedReceipts.InvalidReceiptException.class);
    }

    @Test
    void aBatchFileCarriesItsBatchIdAndABatchWithoutOneIsStillValid() throws Exception {
        CaseFeedBatch batch = new CaseFeedBatch();
        batch.setAgencyId("demo-agency-no");
        batch.setCreatedAt(OffsetDateTime.parse("2026-03-10T22:00:00Z"));
        batch.setBatchId("demo-agency-no-000007");
        batch.getMessages().add(CaseFeedFixture.newCase());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseFeedCodec.writeBatch(batch, out);

        CaseFeedBatch back = CaseFeedCodec.readBatch(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.getBatchId()).isEqualTo("demo-agency-no-000007");
        assertThat(back.getMessages()).extracting(CaseFeedMessage::getSequence).containsExactly(1);

        String version10 = out.toString(StandardCharsets.UTF_8).replaceAll("<batchId>[^<]*</batchId>", "");
        assertThat(CaseFeedCodec.readBatch(new ByteArrayInputStream(version10.getBytes(StandardCharsets.UTF_8))).getBatchId()).isNull();
    }
}
