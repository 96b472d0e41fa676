package no.inkasso.gateway.intake.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.intake.csv.CsvFormat;
import no.inkasso.gateway.security.ClientRegistry;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A ledger's export taken exactly once, against the real case store (H2) and intake: good lines
 * become claims, bad lines are stored and reported with their line, the same content again is
 * recognised, and an interrupted file processed again ends with each line once.
 */
@CamelSpringBootTest
@SpringBootTest(properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
class FileIntakeIT {

    private static final String HEADER = "Fakturanr;Forfallsdato;Beløp;Navn;Adresse;Postnr;Sted";

    @Autowired
    FileIntake intake;
    @Autowired
    ClientRegistry clients;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private FileIntake.FileSource source;
    private String run;

    @BeforeEach
    void source() {
        run = UUID.randomUUID().toString().substring(0, 8);
        CsvFormat format = new CsvFormat(';', true, ',', "dd.MM.yyyy", "UTF-8",
                java.util.Map.of("invoice.number", "Fakturanr", "invoice.dueDate", "Forfallsdato",
                        "invoice.originalAmount", "Beløp", "invoice.outstandingAmount", "Beløp", "debtor.name", "Navn",
                        "debtor.address.line1", "Adresse", "debtor.address.postalCode", "Postnr", "debtor.address.city", "Sted"),
                java.util.Map.ofEntries(java.util.Map.entry("source.system", "demo-erp"), java.util.Map.entry("creditor.orgNumber", "923609016"),
                        java.util.Map.entry("creditor.country", "NO"), java.util.Map.entry("creditor.name", "Fjordtrykk AS"),
                        java.util.Map.entry("creditor.vatRegistered", "ja"), java.util.Map.entry("debtor.type", "PERSON"),
                        java.util.Map.entry("debtor.country", "NO"), java.util.Map.entry("invoice.currency", "NOK"),
                        java.util.Map.entry("invoice.issueDate", "01.09.2026"), java.util.Map.entry("claimType", "ORDINARY")));
        source = new FileIntake.FileSource("test-source-" + run, clients.byId("demo-ledger").orElseThrow(), format);
    }

    private String line(int n) {
        return run + "-" + n + ";15.09.2026;" + (100 + n) + ",50;Kari Nordmann;Storgata " + n + ";0155;Oslo";
    }

    private Path file(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + "\r\n" + String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        return file;
    }

    private long cases() {
        return jdbc.queryForObject("select count(*) from claim_case where invoice_number like ?", Long.class, run + "-%");
    }

    @Test
    void goodLinesBecomeClaimsAndBadLinesAreStoredAndReported() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            lines.add(line(i));
        }
        lines.set(9, line(10).replace("15.09.2026", "31.09.2026"));
        lines.set(700, line(701).replace(";0155;", ";;"));
        Path file = file("export.csv", lines);

        FileIntake.FileOutcome outcome = intake.process(file, "export.csv", source);

        assertThat(outcome).isInstanceOf(FileIntake.FileOutcome.Taken.class);
        var counts = ((FileIntake.FileOutcome.Taken) outcome).counts();
        assertThat(counts).isEqualTo(new FileIntakeStore.Counts(1200, 1198, 0, 2));
        assertThat(cases()).isEqualTo(1198);
        List<String> report = Files.readAllLines(outcome.report(), StandardCharsets.UTF_8);
        assertThat(report.get(0)).isEqualTo("line;field;code;message;original");
        assertThat(report).anyMatch(r -> r.startsWith("11;/invoice/dueDate;invalid-date;") && r.endsWith("\"" + lines.get(9) + "\""));
        assertThat(report).anyMatch(r -> r.startsWith("702;/debtor/address/postalCode;"));
        assertThat(jdbc.queryForObject("select count(*) from rejected_input where client_id = 'demo-ledger' and summary like ?",
                Long.class, "export.csv line %")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void problemsFoundWhileReadingAndWhileStoringAllReachTheReportOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 1100; i++) {
            lines.add(line(i));
        }
        intake.process(file("week-1.csv", lines), "week-1.csv", source);
        // The same invoices again, 11 of them with another amount (found while storing: conflicts),
        // two unreadable (found while reading), in different chunks of 500.
        List<String> again = new ArrayList<>(lines);
        for (int i = 600; i <= 610; i++) {
            again.set(i - 1, line(i).replace(",50;", ",75;"));
        }
        again.set(4, line(5).replace("15.09.2026", "31.09.2026"));
        again.set(1049, line(1050).replace("Kari Nordmann", ""));

        FileIntake.FileOutcome outcome = intake.process(file("week-2.csv", again), "week-2.csv", source);

        assertThat(((FileIntake.FileOutcome.Taken) outcome).counts()).isEqualTo(new FileIntakeStore.Counts(1100, 0, 1087, 13));
        List<Integer> reported = Files.readAllLines(outcome.report(), StandardCharsets.UTF_8).stream().skip(1)
                .map(r -> Integer.parseInt(r.substring(0, r.indexOf(';')))).toList();
        List<Integer> expected = new ArrayList<>(List.of(6, 1051));
        for (int i = 600; i <= 610; i++) {
            expected.add(i + 1);
        }
        assertThat(reported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readString(outcome.report())).contains("conflicting-resubmission");
    }

    @Test
    void theSameContentAgainIsRecognisedAndTakesNothing() throws Exception {
        Path first = file("monday.csv", List.of(line(1), line(2)));
        intake.process(first, "monday.csv", source);
        Path again = file("monday-again.csv", List.of(line(1), line(2)));

        FileIntake.FileOutcome outcome = intake.process(again, "monday-again.csv", source);

        assertThat(outcome).isInstanceOf(FileIntake.FileOutcome.AlreadyTaken.class);
        assertThat(((FileIntake.FileOutcome.AlreadyTaken) outcome).previousName()).isEqualTo("monday.csv");
        assertThat(Files.readString(outcome.report())).contains("duplicate-file").contains("monday.csv");
        assertThat(cases()).isEqualTo(2);
    }

    @Test
    void anInterruptedFileProcessedAgainEndsWithEachLineOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 800; i++) {
            lines.add(i == 3 ? line(3).replace("Kari Nordmann", "") : line(i));
        }
        Path file = file("interrupted.csv", lines);
        intake.process(file, "interrupted.csv", source);
        // As if the process had died before the file was finished: the next poll takes it again.
        jdbc.update("update file_intake set status = 'PROCESSING', finished_at = null where source_id = ?", source.id());

        FileIntake.FileOutcome again = intake.process(file, "interrupted.csv", source);

        assertThat(((FileIntake.FileOutcome.Taken) again).counts()).isEqualTo(new FileIntakeStore.Counts(800, 0, 799, 1));
        assertThat(cases()).isEqualTo(799);
        // the third data line is the file's line 4 (after the header)
        assertThat(jdbc.queryForObject("select count(*) from rejected_input where correlation_id like 'file-%-4' and summary like ?",
                Long.class, "interrupted.csv line 4:%")).isEqualTo(1);
    }

    @Test
    void aFileThatCannotBeReadIsReportedWhole() throws Exception {
        Path file = dir.resolve("wrong.csv");
        Files.writeString(file, "Invoice;Due\r\n1;2\r\n");

        FileIntake.FileOutcome outcome = intake.process(file, "wrong.csv", source);

        assertThat(outcome).isInstanceOf(FileIntake.FileOutcome.Unreadable.class);
        assertThat(Files.readString(outcome.report())).contains("unreadable-file").contains("no column");
        assertThat(cases()).isZero();
    }

    @Test
    void anEmptyOrHeaderOnlyFileIsTakenWithNothingToReport() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, HEADER + "\r\n");

        assertThat(intake.process(empty, "empty.csv", source)).isEqualTo(
                new FileIntake.FileOutcome.Taken(new FileIntakeStore.Counts(0, 0, 0, 0), null));
        assertThat(intake.process(headerOnly, "header.csv", source)).isEqualTo(
                new FileIntake.FileOutcome.Taken(new FileIntakeStore.Counts(0, 0, 0, 0), null));
    }
}
