package no.inkasso.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.RejectedInput;
import no.inkasso.gateway.intake.RejectionStore;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What the case store promises, whatever database is underneath: one test body, run against H2
 * ({@link CaseStoreH2Test}) and PostgreSQL ({@link CaseStorePostgresIT}). Each subclass gives a
 * fresh, empty database (or schema); the Flyway migrations the application uses build it. Every
 * test uses its own creditor numbers, so tests share the schema without seeing each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseStoreContract {

    private static final String SOURCE = "demo-erp";
    private static final int MAX_STORED_REJECTION_BYTES = 64;

    private HikariDataSource dataSource;
    private MigrateResult migration;
    private CaseStore cases;
    private OutboxStore outbox;
    private RejectionStore rejections;

    /** Connects to an empty database or schema (aborting or failing the class if there is none). */
    protected abstract HikariDataSource openEmptyDatabase() throws Exception;

    /** Applies the migrations to the database {@link #openEmptyDatabase()} gave. */
    protected Flyway flyway(HikariDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    /** Removes what {@link #openEmptyDatabase()} created; the data source is still open. */
    protected void dropDatabase(HikariDataSource dataSource) throws Exception {}

    @BeforeAll
    void migrateEmptyDatabase() throws Exception {
        dataSource = openEmptyDatabase();
        migration = flyway(dataSource).migrate();
        var jdbc = new NamedParameterJdbcTemplate(dataSource);
        cases = new CaseStore(jdbc);
        outbox = new OutboxStore(jdbc);
        rejections = new RejectionStore(jdbc, new GatewayProperties(null, null, null, null,
                new GatewayProperties.Rejections(MAX_STORED_REJECTION_BYTES), null, null, null, null, null));
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (dataSource != null) {
            try {
                dropDatabase(dataSource);
            } finally {
                dataSource.close();
            }
        }
    }

    @Test
    void migrationsApplyToAnEmptyDatabase() {
        assertThat(migration.success).isTrue();
        assertThat(migration.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(migration.targetSchemaVersion).isNotBlank();
    }

    @Test
    void findByKeysFindsStoredCasesWithTheirFingerprint() {
        String creditor = newCreditor();
        NewCase first = newCase(creditor, "INV-1");
        NewCase second = newCase(creditor, "INV-2");
        cases.insert(List.of(first, second));

        ClaimKey unknown = new ClaimKey(SOURCE, creditor, "INV-3");
        ClaimKey otherSource = new ClaimKey("other-erp", creditor, "INV-1");
        Map<ClaimKey, ExistingCase> found = cases.findByKeys(List.of(first.key(), second.key(), unknown, otherSource));

        assertThat(found).containsOnly(
                Map.entry(first.key(), new ExistingCase(first.caseId(), first.contentSha256())),
                Map.entry(second.key(), new ExistingCase(second.caseId(), second.contentSha256())));
        assertThat(cases.findByKeys(List.of())).isEmpty();
    }

    @Test
    void findByKeysServesMoreInvoicesThanOneInQueryHolds() {
        String creditor = newCreditor();
        List<NewCase> many = IntStream.range(0, 1201).mapToObj(i -> newCase(creditor, "BULK-" + i)).toList();
        cases.insert(many);

        assertThat(cases.findByKeys(many.stream().map(NewCase::key).toList())).hasSize(many.size());
    }

    @Test
    void theIdempotencyKeyRejectsASecondCaseForTheSameInvoice() {
        String creditor = newCreditor();
        NewCase first = newCase(creditor, "INV-1");
        cases.insert(List.of(first));

        NewCase again = newCase(creditor, "INV-1");
        assertThatThrownBy(() -> cases.insert(List.of(again))).isInstanceOf(DuplicateKeyException.class);

        assertThat(cases.find(again.caseId())).isEmpty();
        assertThat(cases.findByKeys(List.of(first.key()))).containsEntry(first.key(),
                new ExistingCase(first.caseId(), first.contentSha256()));
        // the same invoice number of another creditor or another ledger is another claim
        cases.insert(List.of(newCase(newCreditor(), "INV-1"), withSource(newCase(creditor, "INV-1"), "other-erp")));
    }

    @Test
    void findReturnsTheCaseWithItsReceivedEvent() {
        NewCase stored = newCase(newCreditor(), "INV-1");
        cases.insert(List.of(stored));

        StoredCase found = cases.find(stored.caseId()).orElseThrow();

        assertThat(found.caseId()).isEqualTo(stored.caseId());
        assertThat(found.state()).isEqualTo(CaseState.RECEIVED);
        assertThat(found.receivedVia()).isEqualTo(Channel.REST);
        assertThat(found.clientId()).isEqualTo(stored.clientId());
        assertThat(found.correlationId()).isEqualTo(stored.correlationId());
        assertThat(found.creditorOrg()).isEqualTo(stored.key().creditorOrg());
        assertThat(found.createdAt()).isEqualTo(stored.createdAt());
        assertThat(found.updatedAt()).isEqualTo(stored.createdAt());
        assertThat(found.claimJson()).isEqualTo(stored.claimJson());
        assertThat(found.events()).singleElement().satisfies(event -> {
            assertThat(event.seq()).isEqualTo(1);
            assertThat(event.type()).isEqualTo(CaseStore.CLAIM_RECEIVED);
            assertThat(event.occurredAt()).isEqualTo(stored.createdAt());
            assertThat(event.actor()).isEqualTo("demo-ledger");
            assertThat(event.detailJson()).contains("\"channel\":\"REST\"", "\"correlationId\":\"" + stored.correlationId() + "\"");
        });
        assertThat(cases.find(TimeOrderedIds.next())).isEmpty();
    }

    @Test
    void pageFiltersByCreditorAndStateAndPagesNewestFirstByCursor() {
        String creditor = newCreditor();
        String otherCreditor = newCreditor();
        List<NewCase> mine = IntStream.range(0, 7).mapToObj(i -> newCase(creditor, "INV-" + i)).toList();
        cases.insert(mine);
        cases.insert(List.of(newCase(otherCreditor, "INV-0"), newCase(otherCreditor, "INV-1")));
        List<String> newestFirst = mine.stream().map(NewCase::caseId).sorted(Comparator.reverseOrder()).toList();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        List<CaseSummary> page;
        int pages = 0;
        do {
            page = cases.page(new CaseQuery(null, creditor, CaseState.RECEIVED, null, null, cursor, 3));
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            assertThat(page).allSatisfy(summary -> {
                assertThat(summary.creditorOrgNumber()).isEqualTo(creditor);
                assertThat(summary.state()).isEqualTo(CaseState.RECEIVED);
            });
            page.forEach(summary -> paged.add(summary.caseId()));
            cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).caseId();
            pages++;
        } while (page.size() == 3);

        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);

        CaseSummary newest = cases.page(new CaseQuery(null, creditor, null, null, null, null, 1)).get(0);
        NewCase newestCase = mine.stream().filter(c -> c.caseId().equals(newestFirst.get(0))).findFirst().orElseThrow();
        assertThat(newest).isEqualTo(new CaseSummary(newestCase.caseId(), CaseState.RECEIVED, creditor,
                newestCase.key().invoiceNumber(), SOURCE, "NOK", newestCase.outstandingAmount(), newestCase.dueDate(),
                newestCase.createdAt()));
    }

    @Test
    void pageShowsOnlyTheCreditorsTheCallerMaySee() {
        String visible = newCreditor();
        String hidden = newCreditor();
        NewCase mine = newCase(visible, "INV-1");
        cases.insert(List.of(mine, newCase(hidden, "INV-1")));

        assertThat(cases.page(new CaseQuery(Set.of(visible), null, null, null, null, null, 1000)))
                .extracting(CaseSummary::creditorOrgNumber).containsOnly(visible);
        assertThat(cases.page(new CaseQuery(Set.of(visible), hidden, null, null, null, null, 1000))).isEmpty();
        assertThat(cases.page(new CaseQuery(Set.of(), null, null, null, null, null, 1000))).isEmpty();
    }

    @Test
    void pageFiltersByReceivedTime() {
        String creditor = newCreditor();
        OffsetDateTime noon = OffsetDateTime.of(2026, 10, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        NewCase early = receivedAt(newCase(creditor, "INV-1"), noon.minusHours(1));
        NewCase atNoon = receivedAt(newCase(creditor, "INV-2"), noon);
        NewCase late = receivedAt(newCase(creditor, "INV-3"), noon.plusHours(1));
        cases.insert(List.of(early, atNoon, late));

        assertThat(cases.page(new CaseQuery(null, creditor, null, noon, noon.plusHours(1), null, 100)))
                .extracting(CaseSummary::caseId).containsExactly(atNoon.caseId());
        // the same instant written with another offset
        OffsetDateTime noonInOslo = noon.withOffsetSameInstant(ZoneOffset.ofHours(2));
        assertThat(cases.page(new CaseQuery(null, creditor, null, null, noonInOslo, null, 100)))
                .extracting(CaseSummary::caseId).containsExactly(early.caseId());
    }

    @Test
    void outboxHandsOutTheOldestMessagesFirstUntilRemoved() {
        String tag = newCreditor();
        List<OutboxMessage> added = IntStream.range(0, 3).mapToObj(i -> OutboxMessage.of("claims.received",
                "claims.received:" + tag + "-" + i, tag + "-" + i, "corr-" + i, "{\"n\":" + i + "}")).toList();
        long before = outbox.pending();
        for (OutboxMessage m : added) {
            outbox.add(List.of(m));
        }
        outbox.add(List.of());

        List<OutboxMessage> oldest = ours(outbox.oldest(10_000), tag);
        assertThat(oldest).extracting(OutboxMessage::dedupId).containsExactlyElementsOf(added.stream().map(OutboxMessage::dedupId).toList());
        assertThat(oldest).extracting(OutboxMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(oldest.get(1)).isEqualTo(new OutboxMessage(oldest.get(1).id(), "claims.received",
                "claims.received:" + tag + "-1", tag + "-1", "corr-1", "{\"n\":1}"));
        assertThat(outbox.pending()).isEqualTo(before + 3);

        outbox.remove(List.of(oldest.get(0).id(), oldest.get(1).id()));

        assertThat(ours(outbox.oldest(10_000), tag)).extracting(OutboxMessage::dedupId).containsExactly("claims.received:" + tag + "-2");
        assertThat(outbox.pending()).isEqualTo(before + 1);
        outbox.remove(List.of(oldest.get(2).id()));
        assertThat(outbox.pending()).isEqualTo(before);
    }

    @Test
    void messagesAddedTogetherForOneDestinationAreOneRowTheRelayExpandsInOrder() {
        String tag = newCreditor();
        long before = outbox.pending();
        List<OutboxMessage> added = new java.util.ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            // payloads with the bundle's own separator, digits, newlines and non-ASCII text, and one without a case
            added.add(OutboxMessage.of("claims.received", "claims.received:" + tag + "-" + i, i == 7 ? null : tag + "-" + i,
                    i % 2 == 0 ? "corr-" + i : null, "{\"n\":" + i + ",\"t\":\"12:æøå\\n" + ":".repeat(i % 5) + "\"}\n"));
        }
        added.add(3, OutboxMessage.of("cases.eligible", "cases.eligible:" + tag + "-x", tag + "-x", null, "{}"));
        outbox.add(added);

        List<OutboxMessage> all = outbox.oldest(100_000).stream()
                .filter(m -> m.dedupId().startsWith("claims.received:" + tag + "-") || m.dedupId().startsWith("cases.eligible:" + tag))
                .toList();
        // 1,201 claims.received in rows of at most 100 (13), the eligible one in a row of its own
        assertThat(all).filteredOn(m -> m.destination().equals("claims.received")).containsExactlyElementsOf(
                added.stream().filter(m -> m.destination().equals("claims.received")).map(m -> new OutboxMessage(
                        all.stream().filter(a -> a.dedupId().equals(m.dedupId())).findFirst().orElseThrow().id(), m.destination(),
                        m.dedupId(), m.caseId(), m.correlationId(), m.payload())).toList());
        assertThat(all.stream().map(OutboxMessage::id).distinct()).hasSize(14);
        assertThat(outbox.pending()).isEqualTo(before + 1_202);

        // a relay batch takes whole rows only, never more than asked unless one row alone is more
        assertThat(outbox.oldest(600).size()).isLessThanOrEqualTo(600);
        assertThat(outbox.oldest(1)).isNotEmpty();

        outbox.remove(all.stream().filter(m -> m.destination().equals("claims.received")).map(OutboxMessage::id).limit(501).toList());
        assertThat(outbox.pending()).as("the 501st message takes its whole row of 100").isEqualTo(before + 1_202 - 600);
        outbox.remove(all.stream().map(OutboxMessage::id).toList());
        assertThat(outbox.pending()).isEqualTo(before);
    }

    @Test
    void rejectionsKeepTheOriginalBytesAndEveryReason() {
        byte[] original = {'{', 0, (byte) 0xff, (byte) 0xc3, (byte) 0x28, '\n', '}'};
        RejectedInput rejection = rejection("demo-ledger");
        rejections.add(rejection, original);

        RejectedInput found = rejections.find(rejection.rejectionId()).orElseThrow();
        assertThat(found).usingRecursiveComparison().ignoringFields("receivedAt").isEqualTo(rejection);
        assertThat(found.receivedAt()).isEqualTo(rejection.receivedAt());
        assertThat(rejections.original(rejection.rejectionId())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
        assertThat(rejections.find(TimeOrderedIds.next())).isEmpty();
        assertThat(rejections.original(TimeOrderedIds.next())).isEmpty();
    }

    @Test
    void aRejectedInputLargerThanTheLimitKeepsItsFirstBytes() {
        byte[] original = new byte[MAX_STORED_REJECTION_BYTES + 10];
        ThreadLocalRandom.current().nextBytes(original);
        RejectedInput rejection = rejection("demo-ledger");
        rejections.add(rejection, original);

        assertThat(rejections.original(rejection.rejectionId())).hasValueSatisfying(bytes ->
                assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(HexFormat.of().formatHex(original, 0, MAX_STORED_REJECTION_BYTES)));
    }

    @Test
    void rejectionsArePagedPerClientNewestFirst() {
        String client = "client-" + newCreditor();
        List<RejectedInput> added = IntStream.range(0, 3).mapToObj(i -> rejection(client)).toList();
        added.forEach(r -> rejections.add(r, new byte[] {1}));
        List<String> newestFirst = added.stream().map(RejectedInput::rejectionId).sorted(Comparator.reverseOrder()).toList();

        List<RejectedInput> first = rejections.page(client, null, 2);
        assertThat(first).extracting(RejectedInput::rejectionId).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(rejections.page(client, first.get(1).rejectionId(), 2)).extracting(RejectedInput::rejectionId)
                .containsExactly(newestFirst.get(2));
    }

    private static List<OutboxMessage> ours(List<OutboxMessage> messages, String tag) {
        return messages.stream().filter(m -> m.caseId() != null && m.caseId().startsWith(tag + "-")).toList();
    }

    /** A creditor number no other test uses, so tests share a schema without seeing each other's rows. */
    @Test
    void eligibilityDecidesUnderLockAndTheWaitingStoreReleasesCasesOnTheirDate() throws Exception {
        // The stored claim: examples/claim.json due 2026-02-20, inkassovarsel 2026-03-01 → 2026-03-15;
        // demo-agency-no (config/agencies.yml) waits 5 days → eligible from 2026-03-20.
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) no.inkasso.gateway.api.ApiJson.mapper()
                .readTree(java.nio.file.Path.of("examples/claim.json").toFile());
        String invoice = "EL-" + TimeOrderedIds.next();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("invoice")).put("number", invoice)
                .put("issueDate", "2026-02-01").put("dueDate", "2026-02-20");
        json.putArray("notices").addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-03-01").put("deadline", "2026-03-15");
        NewCase template = newCase("923609016", invoice);
        NewCase stored = new NewCase(template.caseId(), template.key(), template.receivedVia(), template.clientId(),
                template.correlationId(), template.currency(), template.outstandingAmount(), template.dueDate(),
                template.debtorCountry(), template.contentSha256(), json.toString(), template.createdAt());
        cases.insert(List.of(stored));
        var clock = new no.inkasso.gateway.MutableClock();
        clock.setDate(LocalDate.of(2026, 3, 10));
        var properties = new GatewayProperties(null, null,
                new GatewayProperties.Queues("claims.received", "cases.eligible", "ledger.feedback"), null, null, null, null,
                new GatewayProperties.Eligibility("config", true, 200, 1000, 2), null, null);
        var eligibility = new no.inkasso.gateway.eligibility.flow.EligibilityService(new NamedParameterJdbcTemplate(dataSource),
                outbox, new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource)),
                new no.inkasso.gateway.eligibility.EligibilityRules(no.inkasso.gateway.eligibility.RuleFiles.load(java.nio.file.Path.of("config"))),
                clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), properties);

        eligibility.decideReceived(List.of("{\"caseId\":\"" + stored.caseId() + "\"}"));
        StoredCase waiting = cases.find(stored.caseId()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(CaseState.WAITING);
        assertThat(waiting.recheckOn()).isEqualTo(LocalDate.of(2026, 3, 20));
        assertThat(waiting.agencyId()).isEqualTo("demo-agency-no");
        assertThat(waiting.events()).extracting(CaseEvent::type).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");

        // A redelivered message changes nothing; nothing is due before the date.
        eligibility.decideReceived(List.of("{\"caseId\":\"" + stored.caseId() + "\"}"));
        clock.setDate(LocalDate.of(2026, 3, 19));
        assertThat(eligibility.recheckDue()).isZero();
        assertThat(cases.find(stored.caseId()).orElseThrow().events()).hasSize(2);

        clock.setDate(LocalDate.of(2026, 3, 20));
        assertThat(eligibility.recheckDue()).isEqualTo(1);
        StoredCase eligible = cases.find(stored.caseId()).orElseThrow();
        assertThat(eligible.state()).isEqualTo(CaseState.ELIGIBLE);
        assertThat(eligible.recheckOn()).isNull();
        assertThat(outbox.oldest(10_000)).filteredOn(m -> stored.caseId().equals(m.caseId()))
                .extracting(OutboxMessage::destination, OutboxMessage::dedupId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cases.eligible", "cases.eligible:" + stored.caseId() + ":3"));
        assertThat(eligibility.recheck(stored.caseId(), "operations"))
                .isInstanceOf(no.inkasso.gateway.eligibility.flow.EligibilityService.Result.NotAllowed.class);
    }

    private static String newCreditor() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    private static NewCase newCase(String creditor, String invoiceNumber) {
        String caseId = TimeOrderedIds.next();
        String correlationId = TimeOrderedIds.next();
        String claimJson = "{\"invoice\":{\"number\":\"" + invoiceNumber + "\"},\"note\":\"blåbærsyltetøy\"}";
        return new NewCase(caseId, new ClaimKey(SOURCE, creditor, invoiceNumber), Channel.REST, "demo-ledger", correlationId,
                "NOK", new BigDecimal("4250.50"), LocalDate.of(2026, 9, 15), "NO",
                HexFormat.of().formatHex(caseId.getBytes()).substring(0, 64), claimJson,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    private static NewCase withSource(NewCase c, String sourceSystem) {
        return new NewCase(c.caseId(), new ClaimKey(sourceSystem, c.key().creditorOrg(), c.key().invoiceNumber()), c.receivedVia(),
                c.clientId(), c.correlationId(), c.currency(), c.outstandingAmount(), c.dueDate(), c.debtorCountry(),
                c.contentSha256(), c.claimJson(), c.createdAt());
    }

    private static NewCase receivedAt(NewCase c, OffsetDateTime at) {
        return new NewCase(c.caseId(), c.key(), c.receivedVia(), c.clientId(), c.correlationId(), c.currency(),
                c.outstandingAmount(), c.dueDate(), c.debtorCountry(), c.contentSha256(), c.claimJson(), at);
    }

    private static RejectedInput rejection(String client) {
        return new RejectedInput(TimeOrderedIds.next(), Channel.REST, client, SOURCE, TimeOrderedIds.next(),
                "application/json", "1 error in the claim",
                List.of(FieldError.of("/invoice/dueDate", "invalid-date", "dueDate must be a date (YYYY-MM-DD)")),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }
}
