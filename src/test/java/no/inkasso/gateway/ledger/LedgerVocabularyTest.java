package no.inkasso.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped demo-erp vocabulary (config/ledgers.yml): our words to the booking system's, and the default. */
class LedgerVocabularyTest {

    private static final LedgerVocabulary DEMO = LedgerDirectory.read(Path.of("config/ledgers.yml"), s -> s.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1"))
            .ledger("demo-erp").orElseThrow().vocabulary();

    @ParameterizedTest(name = "{0}.{1} -> {2} ({3})")
    @CsvSource(nullValues = "-", value = {
            "REGISTERED,                  -,                    INKASSO,           Inkasso pågår,                                  true",
            "AWAITING_CREDITOR_DECISION,  LEGAL_STEP,           VENTER_KREDITOR,   Inkasso venter på tilbakemelding fra kreditor,  true",
            "AWAITING_CREDITOR_DECISION,  INSTALMENT_PLAN,      VENTER_KREDITOR,   Inkasso venter på tilbakemelding fra kreditor,  true",
            "NOTICE_SENT,                 BETALINGSOPPFORDRING, INKASSO,           Inkasso pågår: betalingsoppfordring sendt,      true",
            "NOTICE_SENT,                 INKASSOKRAV,          INKASSO,           Inkasso pågår: varsel sendt,                    true",
            "CLOSED,                      PAID,                 BETALT,            Betalt,                                         true",
            "CLOSED,                      CREDITED,             KREDITERT,         'Kreditert, avsluttet uten kostnad',            true",
            "CLOSED,                      UNCOLLECTIBLE,        AVSLUTTET,         Inkasso avsluttet,                              true",
            "PAYMENT_RECEIVED,            -,                    INNBETALING,       Innbetaling mottatt hos inkassobyrået,          true",
            "ELIGIBILITY_REJECTED,        TIME_BARRED,          AVVIST,            'Ikke sendt til inkasso: avvist',               true",
            "ELIGIBILITY_MANUAL_REVIEW,   -,                    MANUELL,           'Ikke sendt til inkasso: må vurderes manuelt',  true",
            "FORCED_SALE,                 -,                    INKASSO,           Inkasso pågår,                                  false",
            "SOMETHING_NEW,               X,                    INKASSO,           Inkasso pågår,                                  false"})
    void mapsOurWordsToTheLedgers(String type, String qualifier, String code, String text, boolean mapped) {
        LedgerVocabulary.Mapping mapping = DEMO.map(type, qualifier);

        assertThat(mapping.status()).isEqualTo(new LedgerStatus(code, text));
        assertThat(mapping.mapped()).isEqualTo(mapped);
    }

    @Test
    void aStatusWithoutTextUsesItsCode() {
        assertThat(new LedgerStatus("PAID", null).text()).isEqualTo("PAID");
    }

    @Test
    void theDirectoryRefusesBrokenEntriesNamingTheLedgerAndTheProblem(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> read(dir, """
                ledgers:
                  - {source-system: a-erp, delivery: {transport: webhook, url: "http://x"}, vocabulary: {default: {code: X}}}
                """)).hasMessageContaining("ledger a-erp").hasMessageContaining("signing-secret");
        assertThatThrownBy(() -> read(dir, """
                ledgers:
                  - {source-system: b-erp, vocabulary: {statuses: {PAID: {code: P}}}}
                """)).hasMessageContaining("ledger b-erp").hasMessageContaining("default");
        assertThatThrownBy(() -> read(dir, """
                ledgers:
                  - {source-system: c-erp, delivery: {transport: carrier-pigeon}, vocabulary: {default: {code: X}}}
                """)).hasMessageContaining("ledger c-erp").hasMessageContaining("carrier-pigeon");
        assertThatThrownBy(() -> read(dir, """
                ledgers:
                  - {source-system: d-erp, vocabulary: {default: {code: X}}}
                  - {source-system: d-erp, vocabulary: {default: {code: X}}}
                """)).hasMessageContaining("d-erp is listed twice");
        assertThatThrownBy(() -> read(dir, """
                ledgers:
                  - {source-system: "e erp", vocabulary: {default: {code: X}}}
                """)).hasMessageContaining("'e erp' must be");
    }

    @Test
    void aLedgerWithoutDeliveryIsKnownButHasNoTransport(@TempDir Path dir) throws Exception {
        LedgerDirectory directory = read(dir, """
                ledgers:
                  - {source-system: quiet-erp, vocabulary: {default: {code: X, text: "x"}}}
                  - {source-system: topic-erp, delivery: {transport: jms-topic}, vocabulary: {default: {code: X}}}
                """);
        assertThat(directory.ledger("quiet-erp").orElseThrow().delivery()).isEmpty();
        assertThat(directory.deliveries()).extracting(LedgerDelivery::sourceSystem).containsExactly("topic-erp");
        assertThat(directory.deliveries().get(0).topic()).isEqualTo("ledger.topic-erp.events");
        assertThat(directory.ledger("nobody")).isEmpty();
    }

    private static LedgerDirectory read(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("ledgers.yml");
        Files.writeString(file, yaml);
        return LedgerDirectory.read(file, s -> s);
    }
}
