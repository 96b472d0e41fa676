package no.inkasso.gateway.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Cases and their append-only history ({@link CaseEvents}: the case row is its first entry).
 * Callers hold the transaction, so a case and its outbox message are written together or not at all.
 */
@Repository
public class CaseStore {

    public static final String CLAIM_RECEIVED = CaseEvents.CLAIM_RECEIVED;

    private final NamedParameterJdbcTemplate jdbc;

    public CaseStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<ClaimKey, ExistingCase> findByKeys(Collection<ClaimKey> keys) {
        Map<ClaimKey, ExistingCase> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        // Grouped by (source, creditor) so one indexed IN query serves a whole batch from one ledger.
        Map<List<String>, List<String>> invoicesByOwner = new HashMap<>();
        for (ClaimKey key : keys) {
            invoicesByOwner.computeIfAbsent(List.of(key.sourceSystem(), key.creditorOrg()), k -> new ArrayList<>()).add(key.invoiceNumber());
        }
        invoicesByOwner.forEach((owner, invoices) -> {
            for (int from = 0; from < invoices.size(); from += 500) {
                var params = new MapSqlParameterSource()
                        .addValue("source", owner.get(0))
                        .addValue("creditor", owner.get(1))
                        .addValue("invoices", invoices.subList(from, Math.min(invoices.size(), from + 500)));
                // Only the invoice numbers are in the WHERE clause, so the database walks the unique
                // index (invoice first) instead of a creditor's every case; owners are matched here.
                jdbc.query("""
                        select case_id, source_system, creditor_org, invoice_number, content_sha256 from claim_case
                        where invoice_number in (:invoices)
                        """, params, rs -> {
                    if (owner.get(0).equals(rs.getString("source_system")) && owner.get(1).equals(rs.getString("creditor_org"))) {
                        found.put(new ClaimKey(owner.get(0), owner.get(1), rs.getString("invoice_number")),
                                new ExistingCase(rs.getString("case_id"), rs.getString("content_sha256")));
                    }
                });
            }
        });
        return found;
    }

    public void insert(List<NewCase> cases) {
        if (cases.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = cases.stream().map(c -> new MapSqlParameterSource()
                .addValue("caseId", c.caseId())
                .addValue("source", c.key().sourceSystem())
                .addValue("creditor", c.key().creditorOrg())
                .addValue("invoice", c.key().invoiceNumber())
                .addValue("state", CaseState.RECEIVED.name())
                .addValue("via", c.receivedVia().name())
                .addValue("client", c.clientId())
                .addValue("correlation", c.correlationId())
                .addValue("currency", c.currency())
                .addValue("outstanding", c.outstandingAmount())
                .addValue("due", c.dueDate())
                .addValue("country", c.debtorCountry())
                .addValue("sha", c.contentSha256())
                .addValue("json", c.claimJson())
                .addValue("paymentRef", c.paymentReference())
                .addValue("at", c.createdAt(), Types.TIMESTAMP_WITH_TIMEZONE)).toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("""
                insert into claim_case (case_id, source_system, creditor_org, invoice_number, state, received_via, client_id,
                    correlation_id, currency, outstanding_amount, due_date, debtor_country, content_sha256, claim_json,
                    payment_ref, version, created_at, updated_at)
                values (:caseId, :source, :creditor, :invoice, :state, :via, :client, :correlation, :currency, :outstanding,
                    :due, :country, :sha, :json, :paymentRef, 1, :at, :at)
                """, rows);
        // No case_event row: the case row is its own CLAIM_RECEIVED (CaseEvents.history), one row per claim, not two.
    }

    public Optional<StoredCase> find(String caseId) {
        var params = new MapSqlParameterSource("caseId", caseId);
        // The case row before its history: a change commits its state and its event together, so history read
        // after the row holds at least the event that led to the state shown (read the other way round, a case
        // could show AT_AGENCY without its AGENCY_DELIVERED event).
        Optional<StoredCase> row = jdbc.query("""
                select case_id, state, received_via, client_id, correlation_id, creditor_org, created_at, updated_at, claim_json,
                    recheck_on, agency_id, agency_case_number
                from claim_case where case_id = :caseId
                """, params, (rs, n) -> new StoredCase(rs.getString("case_id"), CaseState.valueOf(rs.getString("state")),
                Channel.valueOf(rs.getString("received_via")), rs.getString("client_id"), rs.getString("correlation_id"),
                rs.getString("creditor_org"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("claim_json"),
                rs.getObject("recheck_on", java.time.LocalDate.class), rs.getString("agency_id"),
                rs.getString("agency_case_number"), List.of()))
                .stream().findFirst();
        if (row.isEmpty()) {
            return row;
        }
        List<CaseEvent> events = CaseEvents.history(jdbc, caseId);
        StoredCase c = row.get();
        return Optional.of(new StoredCase(c.caseId(), c.state(), c.receivedVia(), c.clientId(), c.correlationId(), c.creditorOrg(),
                c.createdAt(), c.updatedAt(), c.claimJson(), c.recheckOn(), c.agencyId(), c.agencyCaseNumber(), events));
    }

    public List<CaseSummary> page(CaseQuery query) {
        StringBuilder sql = new StringBuilder("""
                select case_id, state, creditor_org, invoice_number, source_system, currency, outstanding_amount, due_date, created_at
                from claim_case where 1 = 1
                """);
        var params = new MapSqlParameterSource();
        if (query.creditors() != null) {
            if (query.creditors().isEmpty()) {
                return List.of();
            }
            sql.append(" and creditor_org in (:creditors)");
            params.addValue("creditors", query.creditors());
        }
        if (query.creditor() != null) {
            sql.append(" and creditor_org = :creditor");
            params.addValue("creditor", query.creditor());
        }
        if (query.state() != null) {
            sql.append(" and state = :state");
            params.addValue("state", query.state().name());
        }
        if (query.receivedFrom() != null) {
            sql.append(" and created_at >= :from");
            params.addValue("from", query.receivedFrom(), Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (query.receivedBefore() != null) {
            sql.append(" and created_at < :before");
            params.addValue("before", query.receivedBefore(), Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (query.afterCaseId() != null) {
            sql.append(" and case_id < :after");
            params.addValue("after", query.afterCaseId());
        }
        sql.append(" order by case_id desc limit :limit");
        params.addValue("limit", query.limit());
        return jdbc.query(sql.toString(), params, CaseStore::summary);
    }

    private static CaseSummary summary(ResultSet rs, int n) throws SQLException {
        return new CaseSummary(rs.getString("case_id"), CaseState.valueOf(rs.getString("state")), rs.getString("creditor_org"),
                rs.getString("invoice_number"), rs.getString("source_system"), rs.getString("currency"),
                rs.getBigDecimal("outstanding_amount"), rs.getObject("due_date", java.time.LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
