package no.inkasso.gateway.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimSchema;
import no.inkasso.gateway.claims.ClaimValidator;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.file.FileLine;
import no.inkasso.gateway.intake.file.UnreadableFileException;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.NoticeKind;
import org.junit.jupiter.api.Test;

/** A Norwegian ledger's export (semicolons, decimal comma, dd.MM.yyyy) read as claims, line by line. */
class CsvClaimFileTest {

    private static final ClaimReader READER = new ClaimReader(new ClaimSchema(), new ClaimValidator());
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String HEADER =
            "Fakturanr;Fakturadato;Forfallsdato;Beløp;Utestående;Valuta;KID;Navn;Fødselsnummer;Adresse;Postnr;Sted;Purring sendt;Purregebyr;Varsel sendt;Varsel frist";
    private static final String GOOD =
            "2026-1187;01.09.2026;15.09.2026;4 250,00;4 250,00;NOK;1002003000;Kari Nordmann;15038512363;Storgata 1;0155;Oslo;30.09.2026;35,00;20.10.2026;03.11.2026";

    static CsvFormat format(String encoding) {
        return new CsvFormat(';', true, ',', "dd.MM.yyyy", encoding,
                Map.ofEntries(
                        Map.entry("invoice.number", "Fakturanr"), Map.entry("invoice.issueDate", "Fakturadato"),
                        Map.entry("invoice.dueDate", "Forfallsdato"), Map.entry("invoice.originalAmount", "Beløp"),
                        Map.entry("invoice.outstandingAmount", "Utestående"), Map.entry("invoice.currency", "Valuta"),
                        Map.entry("invoice.kid", "KID"), Map.entry("debtor.name", "Navn"),
                        Map.entry("debtor.nationalId.value", "Fødselsnummer"), Map.entry("debtor.address.line1", "Adresse"),
                        Map.entry("debtor.address.postalCode", "Postnr"), Map.entry("debtor.address.city", "Sted"),
                        Map.entry("reminder.sentOn", "Purring sendt"), Map.entry("reminder.fee", "Purregebyr"),
                        Map.entry("inkassovarsel.sentOn", "Varsel sendt"), Map.entry("inkassovarsel.deadline", "Varsel frist")),
                Map.ofEntries(
                        Map.entry("source.system", "demo-erp"), Map.entry("creditor.orgNumber", "923609016"),
                        Map.entry("creditor.country", "NO"), Map.entry("creditor.name", "Fjordtrykk AS"),
                        Map.entry("creditor.vatRegistered", "ja"), Map.entry("debtor.type", "PERSON"),
                        Map.entry("debtor.nationalId.scheme", "NO_PERSON"), Map.entry("debtor.country", "NO"),
                        Map.entry("claimType", "ORDINARY")));
    }

    private static List<FileLine> lines(String text, Charset charset, String encoding) throws Exception {
        List<FileLine> lines = new ArrayList<>();
        try (CsvClaimFile file = CsvClaimFile.open(new ByteArrayInputStream(text.getBytes(charset)), format(encoding), READER, TODAY)) {
            FileLine line;
            while ((line = file.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<FileLine> lines(String text) throws Exception {
        return lines(text, StandardCharsets.UTF_8, "UTF-8");
    }

    @Test
    void aGoodLineBecomesTheClaimItDescribes() throws Exception {
        List<FileLine> lines = lines(HEADER + "\r\n" + GOOD + "\r\n");

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).as("%s", lines.get(0)).isInstanceOf(FileLine.Valid.class);
        FileLine.Valid valid = (FileLine.Valid) lines.get(0);
        assertThat(valid.lineNumber()).isEqualTo(2);
        Claim claim = valid.reading().claim();
        assertThat(claim.getInvoice().getNumber()).isEqualTo("2026-1187");
        assertThat(claim.getInvoice().getDueDate()).isEqualTo(LocalDate.of(2026, 9, 15));
        assertThat(claim.getInvoice().getOriginalAmount()).isEqualByComparingTo("4250.00");
        assertThat(claim.getCreditor().getOrgNumber()).isEqualTo("923609016");
        assertThat(claim.getCreditor().isVatRegistered()).isTrue();
        assertThat(claim.getDebtor().getAddress().getLines()).containsExactly("Storgata 1");
        assertThat(claim.getNotices()).extracting(n -> n.getKind()).containsExactly(NoticeKind.REMINDER, NoticeKind.INKASSOVARSEL);
        assertThat(claim.getNotices().get(0).getFee()).isEqualByComparingTo("35.00");
        assertThat(claim.getNotices().get(1).getDeadline()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void theSameLineGivesTheSameFingerprintAsTheSameClaimPostedAsJson() throws Exception {
        FileLine.Valid first = (FileLine.Valid) lines(HEADER + "\n" + GOOD).get(0);
        FileLine.Valid again = (FileLine.Valid) lines(HEADER + "\n" + GOOD.replace("4 250,00", "4250,0")).get(0);

        assertThat(again.reading().sha256()).isEqualTo(first.reading().sha256());
    }

    @Test
    void aBadLineListsEveryProblemWithItsColumnAndTheOthersAreStillRead() throws Exception {
        String bad = GOOD.replace("15.09.2026", "31.09.2026").replace("4 250,00;4 250,00", "4 250,00;abc")
                .replace("15038512363", "15038512364");
        List<FileLine> lines = lines(HEADER + "\n" + GOOD + "\n" + bad + "\n" + GOOD.replace("2026-1187", "2026-1188"));

        assertThat(lines).extracting(l -> l.getClass().getSimpleName()).containsExactly("Valid", "Invalid", "Valid");
        FileLine.Invalid invalid = (FileLine.Invalid) lines.get(1);
        assertThat(invalid.lineNumber()).isEqualTo(3);
        assertThat(invalid.raw()).isEqualTo(bad);
        assertThat(invalid.errors()).extracting(FieldError::pointer, FieldError::code).contains(
                org.assertj.core.groups.Tuple.tuple("/invoice/dueDate", "invalid-date"),
                org.assertj.core.groups.Tuple.tuple("/invoice/outstandingAmount", "invalid-number"),
                org.assertj.core.groups.Tuple.tuple("/debtor/nationalId/value", "check-digit"));
        assertThat(invalid.errors()).extracting(FieldError::message).anyMatch(m -> m.contains("(column Forfallsdato)"))
                .anyMatch(m -> m.contains("(column Fødselsnummer)"));
    }

    @Test
    void isoLatin1IsReadWhenTheFormatSaysSo() throws Exception {
        String text = HEADER + "\n" + GOOD.replace("Kari Nordmann", "Kåre Ødegård");
        FileLine line = lines(text, StandardCharsets.ISO_8859_1, "ISO-8859-1").get(0);

        assertThat(((FileLine.Valid) line).reading().claim().getDebtor().getName()).isEqualTo("Kåre Ødegård");
    }

    @Test
    void aLatin1FileReadAsUtf8HasItsLinesRejectedNotGarbled() throws Exception {
        // the header's "Beløp" is Latin-1 too: the file is unreadable, and the report says why
        assertThatThrownBy(() -> lines(HEADER + "\n" + GOOD, StandardCharsets.ISO_8859_1, "UTF-8"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("header row").hasMessageContaining("not valid UTF-8").hasMessageContaining("ISO-8859-1");
        // with an ASCII header, the one line with a Latin-1 name is reported as such
        String asciiHeader = HEADER.replace("Beløp", "Belop").replace("Utestående", "Utestaende").replace("Fødselsnummer", "Fodselsnummer");
        String text = asciiHeader + "\n" + GOOD + "\n" + GOOD.replace("2026-1187", "2026-1188").replace("Kari", "Kåre");
        var format = format("UTF-8");
        var columns = new java.util.HashMap<>(format.columns());
        columns.put("invoice.originalAmount", "Belop");
        columns.put("invoice.outstandingAmount", "Utestaende");
        columns.put("debtor.nationalId.value", "Fodselsnummer");
        var ascii = new CsvFormat(';', true, ',', "dd.MM.yyyy", "UTF-8", columns, format.constants());
        List<FileLine> lines = new ArrayList<>();
        try (CsvClaimFile file = CsvClaimFile.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), ascii, READER, TODAY)) {
            FileLine line;
            while ((line = file.next()) != null) {
                lines.add(line);
            }
        }
        assertThat(lines.get(0)).isInstanceOf(FileLine.Valid.class);
        assertThat(((FileLine.Invalid) lines.get(1)).errors()).extracting(FieldError::code).containsExactly("invalid-encoding");
    }

    @Test
    void anEmptyFileAndAHeaderOnlyFileHaveNoLines() throws Exception {
        assertThat(lines("")).isEmpty();
        assertThat(lines(HEADER + "\r\n")).isEmpty();
        assertThat(lines("\uFEFF" + HEADER + "\n\n\n")).isEmpty();
    }

    @Test
    void aHeaderWithoutAMappedColumnMakesTheFileUnreadable() {
        assertThatThrownBy(() -> lines(HEADER.replace("Forfallsdato", "Due") + "\n" + GOOD))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no column Forfallsdato");
    }

    @Test
    void aFormatWithoutHeaderAddressesColumnsByPosition() throws Exception {
        var byPosition = new CsvFormat(',', false, '.', "yyyy-MM-dd", "UTF-8",
                Map.of("invoice.number", "#1", "invoice.dueDate", "#2", "invoice.originalAmount", "#3", "invoice.outstandingAmount", "#3"),
                Map.of());
        assertThat(byPosition.columns()).containsEntry("invoice.dueDate", "#2");
        assertThatThrownBy(() -> new CsvFormat(',', false, '.', "yyyy-MM-dd", "UTF-8", Map.of("invoice.number", "Nr"), Map.of()))
                .hasMessageContaining("#<position>");
        assertThatThrownBy(() -> new CsvFormat(';', true, ',', "dd.MM.yyyy", "UTF-8", Map.of("invoice.colour", "X"), Map.of()))
                .hasMessageContaining("unknown claim field 'invoice.colour'");
    }
}
