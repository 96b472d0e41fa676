package no.inkasso.gateway.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvent;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reports creditors get from agencies' portals today, computed from the case store: open cases by
 * invoice date, a month's status, a week's remittance (the agencies' settlements), and one case's
 * whole timeline. Plain queries; rows are maps in column order, for JSON or CSV alike.
 */
@Component
public class CreditorReports {

    /** Days and months are Norwegian business days: a settlement on a Sunday evening in Oslo is that Sunday's. */
    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    public static final List<String> OPEN_CASE_COLUMNS = List.of("caseId", "invoiceNumber", "ledgerReference", "invoiceDate", "dueDate",
            "state", "agencyId", "agencyCaseNumber", "currency", "originalAmount", "outstandingAmount", "receivedAt");
    public static final List<String> STATUS_COLUMNS = List.of("caseId", "invoiceNumber", "state", "agencyId", "currency",
            "outstandingAmount", "eventsInMonth", "lastEventType", "lastEventAt", "paidToAgencyInMonth", "toCreditorInMonth");
    public static final List<String> REMITTANCE_COLUMNS = List.of("caseId", "invoiceNumber", "agencyId", "settledOn", "currency", "paid",
            "toCreditor", "interest", "fees", "vat");
    public static final List<String> TIMELINE_COLUMNS = List.of("at", "source", "type", "state", "detail");

    private final NamedParameterJdbcTemplate jdbc;

    public CreditorReports(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Rows(List<Map<String, Object>> rows, boolean truncated, Map<String, Object> summary) {}

    /** A creditor's cases not closed, whose invoice date is in [from, to]; at most {@code limit}. */
    public Rows openCases(String creditor, LocalDate from, LocalDate to, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean[] truncated = {false};
        Map<String, Long> byState = new TreeMap<>();
        jdbc.query("""
                select case_id, invoice_number, state, agency_id, agency_case_number, currency, outstanding_amount, due_date, created_at,
                    claim_json
                from claim_case where creditor_org = :creditor order by case_id
                """, new MapSqlParameterSource("creditor", creditor), rs -> {
            CaseState state = CaseState.valueOf(rs.getString("state"));
            if (state.isClosed()) {
                return;
            }
            JsonNode claim = readTree(rs.getString("claim_json"));
            LocalDate invoiceDate = LocalDate.parse(claim.at("/invoice/issueDate").asText());
            if (invoiceDate.isBefore(from) || invoiceDate.isAfter(to)) {
                return;
            }
            if (rows.size() >= limit) {
                truncated[0] = true;
                return;
            }
            byState.merge(state.name(), 1L, Long::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("caseId", rs.getString("case_id"));
            row.put("invoiceNumber", rs.getString("invoice_number"));
            row.put("ledgerReference", text(claim.at("/source/reference")));
            row.put("invoiceDate", invoiceDate.toString());
            row.put("dueDate", rs.getObject("due_date", LocalDate.class).toString());
            row.put("state", state.name());
            row.put("agencyId", rs.getString("agency_id"));
            row.put("agencyCaseNumber", rs.getString("agency_case_number"));
            row.put("currency", rs.getString("currency"));
            row.put("originalAmount", claim.at("/invoice/originalAmount").decimalValue().setScale(2));
            row.put("outstandingAmount", rs.getBigDecimal("outstanding_amount"));
            row.put("receivedAt", iso(rs.getObject("created_at", OffsetDateTime.class)));
            rows.add(row);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cases", rows.size());
        summary.put("byState", byState);
        summary.put("outstandingByCurrency", totals(rows, "outstandingAmount"));
        return new Rows(rows, truncated[0], summary);
    }

    /**
     * A creditor's cases that had anything happen in {@code month} (Oslo time): their state and amount
     * now, how many events in the month and the last of them, what the debtor paid the agency in the
     * month and what the agencies settled to the creditor in it.
     */
    public Rows status(String creditor, YearMonth month, int limit) {
        OffsetDateTime start = month.atDay(1).atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toOffsetDateTime();
        var params = new MapSqlParameterSource("creditor", creditor)
                .addValue("start", start, java.sql.Types.TIMESTAMP_WITH_TIMEZONE).addValue("end", end, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("firstDay", month.atDay(1)).addValue("lastDay", month.atEndOfMonth());
        Map<String, Map<String, Object>> byCase = new LinkedHashMap<>();
        boolean[] truncated = {false};
        // A case's first event (CLAIM_RECEIVED, seq 1) is its row's created_at (CaseEvents); the rest are stored.
        jdbc.query("""
                select c.case_id, c.invoice_number, c.state, c.agency_id, c.currency, c.outstanding_amount, c.created_at,
                    count(e.seq) as events, max(e.seq) as last_seq
                from claim_case c left join case_event e on e.case_id = c.case_id and e.occurred_at >= :start and e.occurred_at < :end
                where c.creditor_org = :creditor and (e.seq is not null or (c.created_at >= :start and c.created_at < :end))
                group by c.case_id, c.invoice_number, c.state, c.agency_id, c.currency, c.outstanding_amount, c.created_at
                order by c.case_id
                """, params, rs -> {
            if (byCase.size() >= limit) {
                truncated[0] = true;
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("caseId", rs.getString("case_id"));
            row.put("invoiceNumber", rs.getString("invoice_number"));
            row.put("state", rs.getString("state"));
            row.put("agencyId", rs.getString("agency_id"));
            row.put("currency", rs.getString("currency"));
            row.put("outstandingAmount", rs.getBigDecimal("outstanding_amount"));
            OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
            boolean receivedInMonth = !created.isBefore(start) && created.isBefore(end);
            row.put("eventsInMonth", rs.getInt("events") + (receivedInMonth ? 1 : 0));
            int lastStored = rs.getInt("last_seq");
            row.put("lastSeq", lastStored > 0 ? lastStored : 1);
            row.put("createdAt", created);
            row.put("paidToAgencyInMonth", BigDecimal.ZERO.setScale(2));
            row.put("toCreditorInMonth", BigDecimal.ZERO.setScale(2));
            byCase.put(rs.getString("case_id"), row);
        });
        for (Map<String, Object> row : byCase.values()) {
            OffsetDateTime created = (OffsetDateTime) row.remove("createdAt");
            int lastSeq = (Integer) row.remove("lastSeq");
            if (lastSeq == 1) {
                row.put("lastEventType", CaseEvents.CLAIM_RECEIVED);
                row.put("lastEventAt", iso(created));
                continue;
            }
            var one = new MapSqlParameterSource("caseId", row.get("caseId")).addValue("seq", lastSeq);
            jdbc.query("select event_type, occurred_at from case_event where case_id = :caseId and seq = :seq", one, rs -> {
                row.put("lastEventType", rs.getString(1));
                row.put("lastEventAt", iso(rs.getObject(2, OffsetDateTime.class)));
            });
        }
        jdbc.query("""
                select case_id, sum(amount) from agency_payment
                where creditor_org = :creditor and paid_on >= :firstDay and paid_on <= :lastDay group by case_id
                """, params, rs -> {
            Map<String, Object> row = byCase.get(rs.getString(1));
            if (row != null) {
                row.put("paidToAgencyInMonth", rs.getBigDecimal(2));
            }
        });
        jdbc.query("""
                select case_id, sum(to_creditor) from agency_settlement
                where creditor_org = :creditor and settled_on >= :firstDay and settled_on <= :lastDay group by case_id
                """, params, rs -> {
            Map<String, Object> row = byCase.get(rs.getString(1));
            if (row != null) {
                row.put("toCreditorInMonth", rs.getBigDecimal(2));
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : byCase.values()) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            STATUS_COLUMNS.forEach(c -> ordered.put(c, row.get(c)));
            rows.add(ordered);
        }
        Map<String, Long> byState = new TreeMap<>();
        rows.forEach(r -> byState.merge((String) r.get("state"), 1L, Long::sum));
        Long received = jdbc.queryForObject("""
                select count(*) from claim_case where creditor_org = :creditor and created_at >= :start and created_at < :end
                """, params, Long.class);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("month", month.toString());
        summary.put("casesWithActivity", rows.size());
        summary.put("casesReceived", received);
        summary.put("byStateNow", byState);
        summary.put("paidToAgencyByCurrency", totals(rows, "paidToAgencyInMonth"));
        summary.put("toCreditorByCurrency", totals(rows, "toCreditorInMonth"));
        return new Rows(rows, truncated[0], summary);
    }

    /** The agencies' settlements (remittance) to a creditor dated in [from, to], one row each, with totals per currency. */
    public Rows remittance(String creditor, LocalDate from, LocalDate to, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean[] truncated = {false};
        jdbc.query("""
                select s.case_id, c.invoice_number, s.agency_id, s.settled_on, s.currency, s.paid, s.to_creditor, s.interest, s.fees, s.vat
                from agency_settlement s join claim_case c on c.case_id = s.case_id
                where s.creditor_org = :creditor and s.settled_on >= :from and s.settled_on <= :to
                order by s.settled_on, s.case_id, s.event_id
                """, new MapSqlParameterSource("creditor", creditor).addValue("from", from).addValue("to", to), rs -> {
            if (rows.size() >= limit) {
                truncated[0] = true;
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("caseId", rs.getString(1));
            row.put("invoiceNumber", rs.getString(2));
            row.put("agencyId", rs.getString(3));
            row.put("settledOn", rs.getObject(4, LocalDate.class).toString());
            row.put("currency", rs.getString(5));
            row.put("paid", rs.getBigDecimal(6));
            row.put("toCreditor", rs.getBigDecimal(7));
            row.put("interest", rs.getBigDecimal(8));
            row.put("fees", rs.getBigDecimal(9));
            row.put("vat", rs.getBigDecimal(10));
            rows.add(row);
        });
        Map<String, Object> totals = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) totals.computeIfAbsent((String) row.get("currency"), k -> new LinkedHashMap<>());
            for (String column : List.of("paid", "toCreditor", "interest", "fees", "vat")) {
                t.merge(column, row.get(column), (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
            }
            t.merge("settlements", 1, (a, b) -> (Integer) a + (Integer) b);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("from", from.toString());
        summary.put("to", to.toString());
        summary.put("totalsByCurrency", totals);
        return new Rows(rows, truncated[0], summary);
    }

    /**
     * Everything that happened to one case, oldest first: its history (case_event), every agency event
     * taken (with its status: applied, held, illegal), bank payments matched to it, and what went to its
     * ledger.
     */
    public List<Map<String, Object>> timeline(String caseId) {
        List<Map<String, Object>> entries = new ArrayList<>();
        var params = new MapSqlParameterSource("caseId", caseId);
        for (CaseEvent event : CaseEvents.history(jdbc, caseId)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("seq", event.seq());
            detail.put("actor", event.actor());
            if (event.detailJson() != null) {
                detail.put("detail", readTree(event.detailJson()));
            }
            entries.add(entry(event.occurredAt(), "CASE", event.type(), null, detail));
        }
        jdbc.query("""
                select agency_id, agency_sequence, event_type, occurred_at, status, reason, state_after, outstanding_after,
                    coalesce(recorded_at, received_at) as taken_at
                from agency_event where case_id = :caseId order by agency_sequence
                """, params, rs -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("agencyId", rs.getString(1));
            detail.put("agencySequence", rs.getInt(2));
            detail.put("occurredAt", iso(rs.getObject(4, OffsetDateTime.class)));
            detail.put("status", rs.getString(5));
            detail.put("reason", rs.getString(6));
            detail.put("outstandingAfter", rs.getBigDecimal(8));
            detail.values().removeIf(java.util.Objects::isNull);
            // placed by when the gateway took it (the gateway's clock, like the rest), the agency's own time in the detail
            entries.add(entry(rs.getObject("taken_at", OffsetDateTime.class), "AGENCY", rs.getString(3), rs.getString(7), detail));
        });
        jdbc.query("""
                select created_at, state, amount, currency, paid_on, reference, bank_reference, reason from incoming_payment where case_id = :caseId
                order by created_at, file_position
                """, params, rs -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", rs.getString(2));
            detail.put("amount", rs.getBigDecimal(3));
            detail.put("currency", rs.getString(4));
            detail.put("paidOn", String.valueOf(rs.getObject(5, LocalDate.class)));
            detail.put("reference", rs.getString(6));
            detail.put("bankReference", rs.getString(7));
            detail.put("reason", rs.getString(8));
            detail.values().removeIf(java.util.Objects::isNull);
            entries.add(entry(rs.getObject(1, OffsetDateTime.class), "BANK_PAYMENT", "PAYMENT_FILE", null, detail));
        });
        jdbc.query("""
                select created_at, delivered_at, kind, event_type, source_system, state, transport, status_code, attempts, last_error
                from ledger_delivery where case_id = :caseId order by created_at, delivery_id
                """, params, rs -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", rs.getString(3));
            detail.put("sourceSystem", rs.getString(5));
            detail.put("delivery", rs.getString(6));
            detail.put("transport", rs.getString(7));
            detail.put("ledgerStatus", rs.getString(8));
            detail.put("attempts", rs.getInt(9));
            detail.put("deliveredAt", rs.getObject(2, OffsetDateTime.class) == null ? null : iso(rs.getObject(2, OffsetDateTime.class)));
            detail.put("lastError", rs.getString(10));
            detail.values().removeIf(java.util.Objects::isNull);
            entries.add(entry(rs.getObject(1, OffsetDateTime.class), "LEDGER", rs.getString(4), null, detail));
        });
        entries.sort(java.util.Comparator.comparing((Map<String, Object> e) -> (OffsetDateTime) e.get("sortKey")));
        entries.forEach(e -> e.remove("sortKey"));
        return entries;
    }

    private static Map<String, Object> entry(OffsetDateTime at, String source, String type, String state, Map<String, Object> detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sortKey", at);
        e.put("at", iso(at));
        e.put("source", source);
        e.put("type", type);
        if (state != null) {
            e.put("state", state);
        }
        e.put("detail", detail);
        return e;
    }

    /** Always with seconds (OffsetDateTime.toString drops zero seconds, which is not an RFC 3339 date-time). */
    static String iso(OffsetDateTime at) {
        return at == null ? null : at.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Map<String, BigDecimal> totals(List<Map<String, Object>> rows, String column) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get(column) != null) {
                totals.merge((String) row.get("currency"), (BigDecimal) row.get(column), BigDecimal::add);
            }
        }
        return totals;
    }

    private static JsonNode readTree(String json) {
        try {
            return ApiJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored JSON document could not be read", e);
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
